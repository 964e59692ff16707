// 4.3 Multi-head attention: for one position of a name, step through the four heads of the trained
// Step 4 model. Each head takes its slice of q (and of every cached k and v), computes its own
// weights over the positions so far, and fills its slice of x_attn.
import { el, fmt, showError } from './lib/kit.js';
import { trace, nameForm, vectorRow, tokenLabel } from './lib/w345.js';

export default async function multiHead(element, options) {
  const step = options.step || '4';
  let data = null;
  let position = 3;
  let heads = 0;   // heads done so far (0 … nHead)
  const buttons = el('div', { class: 'mh-positions', role: 'group', 'aria-label': 'Position' });
  const prev = el('button', { type: 'button', class: 'mh-prev' }, '◀ Previous head');
  const next = el('button', { type: 'button', class: 'mh-next' }, 'Next head ▶');
  const view = el('div', { class: 'mh-view', 'aria-live': 'polite' });
  const { form, message } = nameForm('mh', 'emma', () => data.vocabulary.map((t) => t.text), load);

  async function load(name) {
    data = await trace(step, name);
    position = Math.min(position, data.positions.length - 1);
    heads = 0;
    buttons.replaceChildren(...data.positions.map((p) => el('button', { type: 'button', class: 'mh-pos', 'data-pos': p.position,
      'aria-pressed': 'false', onclick: () => { position = p.position; heads = 0; render(); } },
      tokenLabel(p.token), el('sub', {}, String(p.position)))));
    render();
  }

  function render() {
    buttons.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.pos) === position)));
    prev.disabled = heads <= 0;
    next.disabled = heads >= data.nHead;
    const layer = data.positions[position].layers[0];
    const current = heads > 0 ? layer.heads[heads - 1] : null;
    const range = current ? [current.from, current.to] : [0, 0];
    const filled = layer.xAttn.map((v, i) => (i < heads * data.headDim ? v : 0));
    const parts = [
      el('p', { class: 'mh-title' }, `Position ${position} (${tokenLabel(data.positions[position].token)}), `
        + `${data.nHead} heads of ${data.headDim} dimensions each.`),
      vectorRow('q', layer.q, { highlight: current ? range : null, cls: 'mh-q' }),
    ];
    if (current) {
      parts.push(el('p', { class: 'mh-head' }, `Head ${current.head} takes q[${current.from}:${current.to}] = (`
        + current.q.map((v) => fmt(v, 3)).join(', ') + `) and the same slice of each of the ${current.keys.length} cached keys. `
        + 'Its weights over the positions: ',
        el('span', { class: 'mh-weights' }, current.weights.map((w, s) => `${tokenLabel(data.positions[s].token)}${s} ${fmt(w, 3)}`).join(', ')),
        '. Its output, the weighted mix of the value slices, fills x_attn[' + current.from + ':' + current.to + '].'));
    } else {
      parts.push(el('p', { class: 'mh-head' }, 'Press Next head to run the first head.'));
    }
    parts.push(vectorRow('x_attn', filled, { highlight: [0, heads * data.headDim], cls: 'mh-xattn' }));
    parts.push(el('p', { class: 'mh-progress' }, heads === data.nHead
      ? `All ${data.nHead} heads done: x_attn is their ${data.nHead} outputs side by side (16 numbers).`
      : `${heads} of ${data.nHead} heads done; the dim cells are still empty.`));
    view.replaceChildren(...parts);
  }

  prev.addEventListener('click', () => { heads = Math.max(0, heads - 1); render(); });
  next.addEventListener('click', () => { heads = Math.min(data.nHead, heads + 1); render(); });
  try {
    await load('emma');
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 multi-head' }, form, message, buttons,
    el('div', { class: 'mh-buttons' }, prev, next), view,
    el('p', { class: 'w345-source' }, `The trained Step ${step} model's own q, weights and x_attn, computed by the engine.`)));
}
