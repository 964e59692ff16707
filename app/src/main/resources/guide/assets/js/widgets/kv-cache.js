// 3.7 The KV cache: step through a name position by position. Each position adds its key and value
// to the cache; attention at that position reads every entry so far. The newest entry is marked.
// Numbers from the trained Step 3 model.
import { el, showError } from './lib/kit.js';
import { trace, nameForm, vectorRow, tokenLabel } from './lib/w345.js';

export default async function kvCache(element, options) {
  const step = options.step || '3';
  let data = null;
  let shown = 1;
  const prev = el('button', { type: 'button', class: 'kv-prev' }, '◀ Previous');
  const next = el('button', { type: 'button', class: 'kv-next' }, 'Next position ▶');
  const status = el('p', { class: 'kv-status', 'aria-live': 'polite' });
  const cache = el('ol', { class: 'kv-cache', start: 0 });
  const { form, message } = nameForm('kv', 'emma', () => data.vocabulary.map((t) => t.text), load);

  async function load(name) {
    data = await trace(step, name);
    shown = 1;
    render();
  }

  function render() {
    const n = data.positions.length;
    prev.disabled = shown <= 1;
    next.disabled = shown >= n;
    const limit = Math.max(...data.positions.flatMap((p) => [...p.layers[0].k, ...p.layers[0].v]).map(Math.abs));
    cache.replaceChildren(...data.positions.slice(0, shown).map((p, t) => el('li', {
      class: 'kv-entry' + (t === shown - 1 ? ' kv-newest' : ''), 'data-pos': t },
      el('p', { class: 'kv-token' }, `position ${t}: ${tokenLabel(p.token)}` + (t === shown - 1 ? ' (newest)' : '')),
      vectorRow('k', p.layers[0].k, { limit, cls: 'kv-k' }),
      vectorRow('v', p.layers[0].v, { limit, cls: 'kv-v' }))));
    const p = data.positions[shown - 1];
    status.textContent = `At position ${shown - 1} (${tokenLabel(p.token)}) the cache holds ${shown} key${shown > 1 ? 's' : ''} `
      + `and ${shown} value${shown > 1 ? 's' : ''}: this position's query is compared with all of them.`;
  }

  prev.addEventListener('click', () => { shown = Math.max(1, shown - 1); render(); });
  next.addEventListener('click', () => { shown = Math.min(data.positions.length, shown + 1); render(); });
  try {
    await load('emma');
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 kv-cache-widget' }, form, message,
    el('div', { class: 'kv-buttons' }, prev, next), status, cache,
    el('p', { class: 'w345-source' }, `Keys and values of the trained Step ${step} model (16 numbers each; hover a cell for its value).`)));
}
