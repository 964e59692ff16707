// Helpers the Step 3–5 widgets share: API answers asked for once (one name's trace through a trained
// model, say), a name form, and a vector drawn as a strip of coloured cells with its numbers beside it.
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

/** A labelled vector: its name, the strip and its numbers (3 decimals). */
export function vectorRow(name, values, options = {}) {
  return el('div', { class: 'w345-vector ' + (options.cls || '') },
    el('span', { class: 'w345-vname' }, name),
    strip(values, { label: name, ...options }),
    el('span', { class: 'w345-numbers' }, values.map((v) => fmt(v, 3)).join(' ')));
}

export function tokenLabel(token) {
  return token.text === 'BOS' ? 'BOS' : token.text;
}
