// 1.4 The MLP: pick a token and follow its numbers through the trained network: the embedding
// (16), the hidden layer before ReLU (64), after ReLU (64; the zeros greyed), the 27 logits and
// their probabilities. Every number is the engine's forward(token).
import { api, diverging, el, fmt, showError } from './lib/kit.js';

function strip(label, values, { limit, zeroGrey = false, labels = null }) {
  const cells = values.map((v, i) => el('span', {
    class: 'mf-cell' + (zeroGrey && v === 0 ? ' mf-zero' : ''),
    style: zeroGrey && v === 0 ? '' : `background:${diverging(v, limit)}`,
    title: `${labels ? labels[i] : i}: ${fmt(v, 4)}`,
  }));
  return el('div', { class: 'mf-stage' }, el('p', { class: 'mf-label' }, label), el('div', { class: 'mf-strip', 'aria-hidden': 'true' }, cells));
}

export default async function mlpFlow(element) {
  const select = el('select', { class: 'mf-token', 'aria-label': 'token' });
  const stages = el('div', { class: 'mf-stages', 'aria-live': 'polite' });
  const bars = el('table', { class: 'mf-probs' });
  const summary = el('p', { class: 'mf-summary' });
  const numbers = el('details', { class: 'mf-numbers' });

  async function show(token, answer) {
    const a = answer || await api('step1/activations', { token, trained: true });
    const zeros = a.hidden.filter((h) => h === 0).length;
    stages.replaceChildren(
      strip(`Embedding x = wte[${a.token}]: 16 numbers`, a.x, { limit: 1 }),
      strip('Hidden layer before ReLU: 64 numbers', a.hiddenPre, { limit: 1 }),
      strip(`After ReLU: ${zeros} of 64 are zero (grey)`, a.hidden, { limit: 1, zeroGrey: true }),
      strip('Logits: one per next token', a.logits, { limit: 4, labels: a.vocabulary }));
    const order = a.probs.map((p, i) => i).sort((i, j) => a.probs[j] - a.probs[i]);
    bars.replaceChildren(
      el('caption', {}, `Probability of each next token after ${a.token}, most likely first`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'next'), el('th', { scope: 'col' }, 'probability'), el('th', { scope: 'col' }, 'logit'))),
      el('tbody', {}, order.map((i) => el('tr', { 'data-token': a.vocabulary[i] },
        el('th', { scope: 'row' }, a.vocabulary[i]),
        el('td', {}, el('span', { class: 'mf-bar', style: `width:${(a.probs[i] * 12).toFixed(2)}rem`, 'aria-hidden': 'true' }),
          el('span', { class: 'mf-p' }, fmt(a.probs[i], 4))),
        el('td', { class: 'mf-logit' }, fmt(a.logits[i], 3))))));
    const list = (values) => values.map((v) => fmt(v, 3)).join(', ');
    numbers.replaceChildren(el('summary', {}, 'All the numbers, as text'),
      el('p', {}, `x (16): ${list(a.x)}`), el('p', {}, `before ReLU (64): ${list(a.hiddenPre)}`),
      el('p', {}, `after ReLU (64): ${list(a.hidden)}`),
      el('p', {}, 'logits (27): ' + a.logits.map((v, i) => `${a.vocabulary[i]} ${fmt(v, 3)}`).join(', ')));
    summary.textContent = `After ${a.token}, the trained network's top guesses are `
      + order.slice(0, 3).map((i) => `${a.vocabulary[i]} (${fmt(a.probs[i], 3)})`).join(', ')
      + `. ReLU zeroed ${zeros} of the 64 hidden units.`;
  }

  let vocabulary;
  try {
    const first = await api('step1/activations', { token: 'a', trained: true });
    vocabulary = first.vocabulary;
    select.append(...vocabulary.map((t) => el('option', { value: t, text: t })));
    select.value = 'a';
    await show('a', first);
  } catch (e) {
    showError(element, e);
    return;
  }
  select.addEventListener('change', () => show(select.value).catch((e) => showError(element, e)));
  element.replaceChildren(el('div', { class: 'w12 mlp-flow' },
    el('label', { class: 'mf-pick' }, 'Current token ', select), stages, summary, numbers, bars));
}
