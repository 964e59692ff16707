// 1.3 Softmax: drag the logits, watch the probabilities. The same steps as the engine's
// softmax(): subtract the largest logit, exponentiate, divide by the total.
import { el, fmt } from './lib/kit.js';

const START = [2.0, 1.0, 0.1, -1.0, 0.5];
const LABELS = ['a', 'b', 'c', 'd', 'e'];

export function softmax(logits) {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export default function softmaxEditor(element) {
  const logits = START.slice();
  const rows = logits.map((value, i) => {
    const slider = el('input', { type: 'range', min: -6, max: 6, step: 0.1, value, 'aria-label': `logit of ${LABELS[i]}`,
      oninput: (e) => { logits[i] = Number(e.target.value); render(); } });
    const logitText = el('span', { class: 'sm-logit' });
    const bar = el('span', { class: 'sm-bar' });
    const probText = el('span', { class: 'sm-prob' });
    const row = el('div', { class: 'sm-row' }, el('span', { class: 'sm-label' }, LABELS[i]), slider, logitText,
      el('span', { class: 'sm-track', 'aria-hidden': 'true' }, bar), probText);
    return { slider, logitText, bar, probText, row };
  });
  const shift = (amount) => {
    for (let i = 0; i < logits.length; i++) logits[i] = Math.max(-6, Math.min(6, Math.round((logits[i] + amount) * 10) / 10));
    render();
  };
  const buttons = el('div', { class: 'widget-buttons' },
    el('button', { type: 'button', onclick: () => shift(1) }, 'Add 1 to every logit'),
    el('button', { type: 'button', onclick: () => shift(-1) }, 'Subtract 1'),
    el('button', { type: 'button', onclick: () => { START.forEach((v, i) => { logits[i] = v; }); render(); } }, 'Reset'));
  const summary = el('p', { class: 'sm-summary', 'aria-live': 'polite' });

  function render() {
    const probs = softmax(logits);
    rows.forEach((r, i) => {
      r.slider.value = logits[i];
      r.logitText.textContent = fmt(logits[i], 1);
      r.bar.style.width = (probs[i] * 100).toFixed(1) + '%';
      r.probText.textContent = fmt(probs[i], 3);
    });
    summary.textContent = 'Probabilities: ' + probs.map((p, i) => `${LABELS[i]} ${fmt(p, 3)}`).join(', ')
      + `; they add up to ${fmt(probs.reduce((a, b) => a + b, 0), 3)}.`;
  }

  render();
  element.replaceChildren(el('div', { class: 'w12 softmax-editor' },
    el('div', { class: 'sm-head', 'aria-hidden': 'true' }, el('span', {}, 'token'), el('span', {}, 'logit'), el('span', {}, 'probability')),
    rows.map((r) => r.row), buttons, summary));
}
