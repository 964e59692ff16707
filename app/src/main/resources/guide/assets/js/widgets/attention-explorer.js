// The attention explorer: type any name and see every layer's and every head's attention map for
// a trained step (3: one head; 4 and 5: four heads). Row = the position asking, column = the
// earlier position it looks at; darker = more weight. Hover, tap or use the arrow keys on a map for
// the exact weight. Numbers from the trained models through /api/step345/trace.
import { el, svg, fmt, needsServer, showError } from './lib/kit.js';
import { trace, nameForm, tokenLabel } from './lib/w345.js';

const CELL = 22;
const PAD = 34;

export default async function attentionExplorer(element, options) {
  if (await needsServer(element)) return;
  let step = String(options.step || '5');
  let name = 'emma';
  let data = null;
  const readout = el('p', { class: 'ae-readout', 'aria-live': 'polite' }, 'Hover over, tap or focus a map for a weight.');
  const maps = el('div', { class: 'ae-maps' });
  const stepPicker = el('div', { class: 'ae-steps', role: 'group', 'aria-label': 'Trained model' },
    ['3', '4', '5'].map((s) => el('button', { type: 'button', class: 'ae-step', 'data-step': s, 'aria-pressed': String(s === step),
      onclick: () => show(s, name) }, 'Step ' + s)));
  const { form, message } = nameForm('ae', name, () => data.vocabulary.map((t) => t.text), (typed) => show(step, typed));

  async function show(newStep, newName) {
    const answer = await trace(newStep, newName);
    step = newStep;
    name = newName;
    data = answer;
    stepPicker.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.step === step)));
    const blocks = [];
    for (let layer = 0; layer < data.nLayer; layer++) {
      for (let head = 0; head < data.nHead; head++) blocks.push(headMap(layer, head));
    }
    maps.replaceChildren(...blocks);
    readout.textContent = `Step ${step}, "${name}": ${data.nLayer} layer${data.nLayer > 1 ? 's' : ''} × ${data.nHead} `
      + `head${data.nHead > 1 ? 's' : ''}. Hover over, tap or focus a map for a weight.`;
  }

  const weights = (layer, head, t) => data.positions[t].layers[layer].heads[head].weights;

  function point(layer, head, t, s) {
    maps.querySelectorAll('.ae-cell.active').forEach((c) => c.classList.remove('active'));
    const cell = maps.querySelector(`.ae-cell[data-layer="${layer}"][data-head="${head}"][data-t="${t}"][data-s="${s}"]`);
    if (cell) cell.classList.add('active');
    readout.textContent = `Layer ${layer}, head ${head}: position ${t} (${tokenLabel(data.positions[t].token)}) gives `
      + `position ${s} (${tokenLabel(data.positions[s].token)}) the weight ${fmt(weights(layer, head, t)[s], 4)}.`;
  }

  /** One head's map as an SVG grid; the arrow keys move a cursor over it (only t ≥ s exist). */
  function headMap(layer, head) {
    const n = data.positions.length;
    const root = svg('svg', { viewBox: `0 0 ${PAD + n * CELL} ${PAD + n * CELL}`, class: 'ae-map', tabindex: 0, role: 'img',
      'aria-label': `layer ${layer}, head ${head}: attention weights, one row per position, one column per earlier position; `
        + 'arrow keys move between cells' });
    data.positions.forEach((p, t) => {
      root.append(svg('text', { class: 'chart-text', x: PAD - 6, y: PAD + t * CELL + 15, 'text-anchor': 'end', text: tokenLabel(p.token) }));
      root.append(svg('text', { class: 'chart-text', x: PAD + t * CELL + CELL / 2, y: PAD - 8, 'text-anchor': 'middle', text: tokenLabel(p.token) }));
      weights(layer, head, t).forEach((v, s) => {
        const cell = svg('rect', { class: 'ae-cell', x: PAD + s * CELL + 1, y: PAD + t * CELL + 1, width: CELL - 2, height: CELL - 2,
          'fill-opacity': Math.max(0.05, v), 'data-layer': layer, 'data-head': head, 'data-t': t, 'data-s': s },
          svg('title', { text: `position ${t} → ${s}: ${fmt(v, 4)}` }));
        cell.addEventListener('mouseenter', () => point(layer, head, t, s));
        cell.addEventListener('pointerdown', () => point(layer, head, t, s));
        root.append(cell);
      });
    });
    let cursor = [0, 0];
    root.addEventListener('focus', () => point(layer, head, ...cursor));
    root.addEventListener('keydown', (event) => {
      const [t, s] = cursor;
      const moves = { ArrowUp: [t - 1, s], ArrowDown: [t + 1, s], ArrowLeft: [t, s - 1], ArrowRight: [t, s + 1] };
      if (!(event.key in moves)) return;
      event.preventDefault();
      event.stopPropagation();   // the guide's ← → would turn the page
      const [nt, ns] = moves[event.key];
      if (nt < 0 || nt >= n || ns < 0 || ns > nt) return;
      cursor = [nt, ns];
      point(layer, head, nt, ns);
    });
    const table = el('details', { class: 'ae-table' }, el('summary', {}, 'As a table'),
      el('table', {}, el('caption', {}, `Layer ${layer}, head ${head}: row = position, column = earlier position`),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'position'),
          data.positions.map((p, s) => el('th', { scope: 'col' }, `${s} ${tokenLabel(p.token)}`)))),
        el('tbody', {}, data.positions.map((p, t) => el('tr', {}, el('th', { scope: 'row' }, `${t} ${tokenLabel(p.token)}`),
          data.positions.map((q, s) => el('td', {}, s <= t ? fmt(weights(layer, head, t)[s], 3) : '')))))));
    return el('figure', { class: 'ae-head' }, el('figcaption', {}, `Layer ${layer}, head ${head}`), root, table);
  }

  try {
    await show(step, name);
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 attention-explorer' }, stepPicker, form, message, readout, maps,
    el('p', { class: 'w345-source' }, 'The trained models of Steps 3, 4 and 5 (seed 42, 1000 steps), computed by the engine.')));
}
