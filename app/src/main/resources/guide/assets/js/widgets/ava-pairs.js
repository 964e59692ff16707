// 0.6: the loss of one name, pair by pair. After 100 training steps, each pair of "ava" gets
// its probability, the probability its surprise −log p, and the surprises their mean: the loss.
import { ask, el, tokenChip, fixed, debounce, uid } from './lib/guide-api.js';

export default async function mount(element, options = {}) {
  const steps = Number(options.steps || 100);
  const id = uid('ava-pairs');
  const input = el('input', { type: 'text', id, className: 'ava-pairs-input', value: options.name || 'ava', maxLength: 16, autocomplete: 'off' });
  const prev = el('button', { type: 'button', className: 'ava-pairs-prev', text: '← Previous pair' });
  const next = el('button', { type: 'button', className: 'ava-pairs-next', text: 'Next pair →' });
  const all = el('button', { type: 'button', className: 'ava-pairs-all', text: 'Show all' });
  const error = el('p', { className: 'widget-error', role: 'alert' });
  const table = el('table', { className: 'pairs-table' });
  const result = el('p', { className: 'widget-readout ava-pairs-result', 'aria-live': 'polite' });
  element.replaceChildren(
    el('div', { className: 'widget-controls' }, el('label', { htmlFor: id, text: 'Name: ' }), input, prev, next, all),
    error, table, result);

  let answer = null;
  let shown = 0;   // pairs revealed so far

  function render() {
    const pairs = answer.pairs;
    table.replaceChildren(
      el('caption', { className: 'visually-hidden', text: 'The pairs of ' + answer.name + ' after ' + answer.steps + ' training steps' }),
      el('thead', {}, el('tr', {}, ...['Pair', 'Current', 'Next', 'p(next | current)', 'Surprise −log p'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, pairs.map((pair, i) => el('tr', { className: i === shown - 1 ? 'current' : i >= shown ? 'pending' : '' },
        el('td', { text: String(i + 1) }),
        el('td', {}, tokenChip(pair.from)),
        el('td', {}, tokenChip(pair.to)),
        el('td', { className: 'probability', text: i < shown ? fixed(pair.probability, 3) : '?' }),
        el('td', { className: 'surprise', text: i < shown ? fixed(pair.surprise, 3) : '?' })))));
    const revealed = pairs.slice(0, shown);
    const mean = revealed.reduce((s, p) => s + p.surprise, 0) / Math.max(1, revealed.length);
    result.textContent = shown === 0 ? 'Press Next pair to score the first pair of ' + answer.name + '.'
      : shown < pairs.length ? 'Average surprise of the first ' + shown + ' pair' + (shown === 1 ? '' : 's') + ': ' + fixed(mean, 3)
        : 'Loss of ' + answer.name + ' = mean surprise of its ' + pairs.length + ' pairs = ' + fixed(answer.loss, 2)
          + ' (' + fixed(answer.loss, 4) + ')';
    prev.disabled = shown === 0;
    next.disabled = all.disabled = shown === pairs.length;
  }

  async function load() {
    try {
      answer = await ask('step0/pairs', { name: input.value, steps });
      input.removeAttribute('aria-invalid');
      error.textContent = '';
      shown = 0;
      render();
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = e.message;
    }
  }
  prev.addEventListener('click', () => { shown = Math.max(0, shown - 1); render(); });
  next.addEventListener('click', () => { shown = Math.min(answer.pairs.length, shown + 1); render(); });
  all.addEventListener('click', () => { shown = answer.pairs.length; render(); });
  input.addEventListener('input', debounce(load, 150));
  await load();
}
