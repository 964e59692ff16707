// 3.2 Position embeddings: click a position of a name to see its token vector (a row of wte), its
// position vector (a row of wpe) and their sum. The same letter at two positions gets the same
// token vector but a different sum. Numbers from the trained Step 3 model.
import { el, fmt, showError } from './lib/kit.js';
import { trace, nameForm, vectorRow, tokenLabel } from './lib/w345.js';

export default async function positionEmbeddings(element, options) {
  const step = options.step || '3';
  let data = null;
  let selected = 2;
  const buttons = el('div', { class: 'pe-positions', role: 'group', 'aria-label': 'Positions of the name' });
  const view = el('div', { class: 'pe-view', 'aria-live': 'polite' });
  const compare = el('p', { class: 'pe-compare' });
  const { form, message } = nameForm('pe', 'emma', () => data.vocabulary.map((t) => t.text), load);

  async function load(name) {
    data = await trace(step, name);
    selected = Math.min(selected, data.positions.length - 1);
    buttons.replaceChildren(...data.positions.map((p) => el('button', { type: 'button', class: 'pe-pos', 'data-pos': p.position,
      'aria-pressed': 'false', onclick: () => { selected = p.position; render(); } },
      tokenLabel(p.token), el('sub', {}, String(p.position)))));
    render();
  }

  function render() {
    const p = data.positions[selected];
    buttons.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.pos) === selected)));
    const limit = Math.max(...[p.tokenEmbedding, p.positionEmbedding, p.sum].flat().map(Math.abs));
    view.replaceChildren(
      el('p', { class: 'pe-title' }, `Position ${p.position}, token ${tokenLabel(p.token)} (id ${p.token.id}):`),
      vectorRow(`wte[${p.token.id}]`, p.tokenEmbedding, { limit, cls: 'pe-token' }),
      el('p', { class: 'pe-op', 'aria-hidden': 'true' }, '+'),
      vectorRow(`wpe[${p.position}]`, p.positionEmbedding, { limit, cls: 'pe-position' }),
      el('p', { class: 'pe-op', 'aria-hidden': 'true' }, '='),
      vectorRow('x', p.sum, { limit, cls: 'pe-sum' }));
    const same = data.positions.filter((q) => q.token.id === p.token.id && q.position !== p.position);
    compare.textContent = same.length === 0 ? `${tokenLabel(p.token)} appears once in "${data.name}".`
      : `${tokenLabel(p.token)} also sits at position ${same.map((q) => q.position).join(', ')}: the same token vector, `
        + `a different position vector, so x differs (x[0] here ${fmt(p.sum[0], 3)}, there ${fmt(same[0].sum[0], 3)}).`;
  }

  try {
    await load('emma');
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 position-embeddings' }, form, message, buttons, view, compare,
    el('p', { class: 'w345-source' }, `The trained Step ${step} model's own vectors (16 numbers each; hover a cell for its value).`)));
}
