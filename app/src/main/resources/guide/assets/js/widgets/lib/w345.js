// Helpers the Step 3–5 widgets share: API answers asked for once (one name's trace through a trained
// model, say), a name form, and a vector drawn as coloured cells, each with its number under it.
import { api, el, svg, fmt, diverging, nameProblem } from './kit.js';

const answers = new Map();

/** An API answer asked for once and shared by every widget of the page; a failure is forgotten, so it can be asked again. */
export function cachedApi(path, params) {
  const key = path + '?' + new URLSearchParams(params);
  if (!answers.has(key)) {
    const answer = api(path, params);
    answer.catch(() => answers.delete(key));
    answers.set(key, answer);
  }
  return answers.get(key);
}

/** The API's trace of a name through the trained model of a step (3, 4 or 5). */
export function trace(step, name) {
  return cachedApi('step345/trace', { step, name });
}

/** A name box with a button; calls onName(name) with a name the vocabulary can encode. */
export function nameForm(cls, initial, vocabulary, onName) {
  const input = el('input', { type: 'text', value: initial, maxlength: 16, class: cls + '-name', 'aria-label': 'name',
    autocomplete: 'off', spellcheck: 'false' });
  const message = el('p', { class: 'w345-message', role: 'status' });
  const form = el('form', { class: 'w345-form', onsubmit: (e) => {
    e.preventDefault();
    const name = input.value.trim();
    const problem = nameProblem(name, vocabulary());
    if (problem) { message.textContent = problem; return; }
    message.textContent = '';
    Promise.resolve(onName(name)).catch((error) => { message.textContent = error.message; });
  } }, el('label', {}, 'Name ', input), el('button', { type: 'submit' }, 'Show'));
  return { form, message, input };
}

/**
 * A vector as a row of cells coloured by sign and size (blue negative, red positive), each with its
 * value as a tooltip; the numbers themselves are in the row's text alternative.
 */
export function strip(values, { label = '', limit = 0, highlight = null, cls = '' } = {}) {
  const size = 22;
  const lim = limit || Math.max(1e-9, ...values.map((v) => Math.abs(v)));
  const root = svg('svg', { viewBox: `0 0 ${values.length * size} ${size}`, class: 'w345-strip ' + cls, role: 'img',
    'aria-label': label + ': ' + values.map((v) => fmt(v, 3)).join(', ') });
  values.forEach((v, i) => {
    const on = highlight === null || (i >= highlight[0] && i < highlight[1]);
    root.append(svg('rect', { x: i * size + 1, y: 1, width: size - 2, height: size - 2, fill: diverging(v, lim),
      class: on ? 'w345-cell' : 'w345-cell w345-dim', 'data-i': i }, svg('title', { text: `${label}[${i}] = ${fmt(v, 4)}` })));
  });
  return root;
}

/**
 * A labelled vector: its name, then one entry per number, a cell coloured by sign and size with the
 * number (3 decimals) right under it. The entries sit in a grid (8 a row, 4 on a phone), so however
 * the row wraps, each number stays under its own cell.
 */
export function vectorRow(name, values, { limit = 0, highlight = null, cls = '' } = {}) {
  const lim = limit || Math.max(1e-9, ...values.map((v) => Math.abs(v)));
  const entries = [];
  values.forEach((v, i) => {
    const on = highlight === null || (i >= highlight[0] && i < highlight[1]);
    if (i > 0) entries.push(' ');   // the row's text reads as the numbers, space-separated
    entries.push(el('span', { class: on ? 'w345-entry' : 'w345-entry w345-dim', 'data-i': i },
      el('span', { class: 'w345-cell', style: 'background:' + diverging(v, lim), title: `${name}[${i}] = ${fmt(v, 4)}`,
        'aria-hidden': 'true' }),
      el('span', { class: 'w345-num' }, fmt(v, 3))));
  });
  return el('div', { class: 'w345-vector ' + cls },
    el('span', { class: 'w345-vname' }, name),
    el('span', { class: 'w345-numbers', role: 'group', 'aria-label': `${name}, ${values.length} numbers` }, ...entries));
}

export function tokenLabel(token) {
  return token.text === 'BOS' ? 'BOS' : token.text;
}
