// 1.5 The forward pass: step through the positions of a name with the trained network. At each
// position: the current token, the true next token, the probability the network gave it, and the
// surprise −log p. At the end, the mean: the name's loss.
import { api, el, fmt, nameProblem, showError } from './lib/kit.js';

export default async function forwardPass(element, options) {
  const step = options.step || '1';
  const nameInput = el('input', { type: 'text', value: 'ava', maxlength: 16, class: 'fp-name', 'aria-label': 'name',
    autocomplete: 'off', spellcheck: 'false' });
  const prev = el('button', { type: 'button', class: 'fp-prev' }, '◀ Previous');
  const next = el('button', { type: 'button', class: 'fp-next' }, 'Next position ▶');
  const all = el('button', { type: 'button', class: 'fp-all' }, 'Show all');
  const current = el('div', { class: 'fp-current', 'aria-live': 'polite' });
  const table = el('table', { class: 'fp-table' });
  const message = el('p', { class: 'fp-message', role: 'status' });
  let data = null;
  let shown = 0;   // positions revealed so far

  async function load(name) {
    data = await api(`step${step}/forward`, { name });
    shown = 1;
    message.textContent = '';
    render();
  }

  function render() {
    const positions = data.positions;
    prev.disabled = shown <= 1;
    next.disabled = shown >= positions.length;
    all.disabled = shown >= positions.length;
    const p = positions[shown - 1];
    const order = p.probs.map((q, i) => i).sort((i, j) => p.probs[j] - p.probs[i]).slice(0, 5);
    current.replaceChildren(
      el('p', { class: 'fp-step' }, `Position ${p.position}: after `, el('strong', {}, p.token), ', the true next token is ',
        el('strong', {}, p.target), '. The network gave it ', el('strong', { class: 'fp-p' }, fmt(p.pTarget, 4)),
        ', a surprise of −log p = ', el('strong', { class: 'fp-loss' }, fmt(p.loss, 4)), '.'),
      el('p', { class: 'fp-top' }, 'Its top guesses: ' + order.map((i) => `${data.vocabulary[i]} ${fmt(p.probs[i], 3)}`).join(', ') + '.'));
    const rows = positions.slice(0, shown).map((q) => el('tr', { class: q === p ? 'fp-row-current' : '' },
      el('td', {}, String(q.position)), el('td', {}, q.token), el('td', {}, q.target),
      el('td', { class: 'fp-cell-p' }, fmt(q.pTarget, 4)), el('td', { class: 'fp-cell-loss' }, fmt(q.loss, 4))));
    const done = shown === positions.length;
    table.replaceChildren(...[
      el('caption', {}, `"${data.name}" through the ${data.trained ? 'trained' : 'untrained'} network, position by position`),
      el('thead', {}, el('tr', {}, ['position', 'token', 'next', 'p(next)', 'loss'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows),
      done ? el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', colspan: 4 }, 'mean loss of the name'),
        el('td', { class: 'fp-mean' }, fmt(data.meanLoss, 4)))) : null].filter(Boolean));
  }

  prev.addEventListener('click', () => { shown = Math.max(1, shown - 1); render(); });
  next.addEventListener('click', () => { shown = Math.min(data.positions.length, shown + 1); render(); });
  all.addEventListener('click', () => { shown = data.positions.length; render(); });
  const form = el('form', { class: 'fp-form', onsubmit: (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    const problem = nameProblem(name, data.vocabulary);
    if (problem) { message.textContent = problem; return; }
    load(name).catch((error) => { message.textContent = error.message; });
  } }, el('label', {}, 'Name ', nameInput), el('button', { type: 'submit' }, 'Run'));

  try {
    await load('ava');
  } catch (e) {
    showError(element, e);
    return;
  }
  element.replaceChildren(el('div', { class: 'w12 forward-pass' }, form, message,
    el('div', { class: 'widget-buttons' }, prev, next, all), current, table));
}
