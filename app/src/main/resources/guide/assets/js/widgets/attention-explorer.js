// The attention explorer: type any name and see every layer's and every head's attention map for
// a trained model: the guide's Steps 3 (one head), 4 and 5 (four heads), or (mounted by the
// Playground with options.run) a Step 3–5 run the reader trained in this page. Row = the position
// asking, column = the earlier position it looks at; darker = more weight. Hover, tap or use the
// arrow keys on a map for the exact weight. Numbers from the engine: the query step345/attention
// for the guide's models, train/attention for a Playground run (which lives in this page's engine).
import { el, svg, fmt, showError } from './lib/kit.js';
import { askEngine } from './lib/guide-api.js';
import { cachedApi, nameForm, tokenLabel } from './lib/w345.js';

const CELL = 22;
const PAD = 34;
/** Beyond this many maps, one layer is shown at a time (a Playground model may have 16 × 64). */
const MAX_MAPS = 16;

/** The attention maps of a name under a model: {step: '5'} or {run: 'run-3'}. */
function attentionOf(model, name) {
  return model.run ? askEngine('train/attention', { id: model.run, name }) : cachedApi('step345/attention', { step: model.step, name });
}

export default async function attentionExplorer(element, options) {
  let model = options.run ? { run: options.run } : { step: String(options.step || '5') };
  let name = 'emma';
  let data = null;
  let layerShown = 'all';

  const readout = el('p', { class: 'ae-readout', 'aria-live': 'polite' }, 'Hover over, tap or focus a map for a weight.');
  const maps = el('div', { class: 'ae-maps' });
  const source = el('p', { class: 'w345-source' });
  const stepButtons = ['3', '4', '5'].map((s) => el('button', { type: 'button', class: 'ae-step', 'data-step': s,
    onclick: () => choose({ step: s }) }, 'Step ' + s));
  const stepPicker = options.run ? null : el('div', { class: 'ae-steps', role: 'group', 'aria-label': 'Trained model' }, stepButtons);
  const layerSelect = el('select', { class: 'ae-layer', 'aria-label': 'Layer', onchange: () => { layerShown = layerSelect.value; draw(); } });
  const layerPicker = el('label', { class: 'ae-layer-picker', hidden: true }, 'Layer ', layerSelect);
  const { form, message } = nameForm('ae', name, () => data.vocabulary.map((t) => t.text), (typed) => show(model, typed));

  async function choose(newModel) {
    try {
      message.textContent = '';
      await show(newModel, name);
    } catch (error) {
      message.textContent = error.message;
    }
  }

  async function show(newModel, newName) {
    const answer = await attentionOf(newModel, newName);
    model = newModel;
    name = newName;
    data = answer;
    stepButtons.forEach((b) => b.setAttribute('aria-pressed', String(!model.run && b.dataset.step === model.step)));
    layerPicker.hidden = data.nLayer === 1;
    layerSelect.replaceChildren(...(data.nLayer * data.nHead <= MAX_MAPS ? [el('option', { value: 'all' }, 'all')] : []),
      ...Array.from({ length: data.nLayer }, (_, l) => el('option', { value: String(l) }, String(l))));
    if (![...layerSelect.options].some((o) => o.value === layerShown)) layerShown = layerSelect.options[0].value;
    layerSelect.value = layerShown;
    draw();
    source.textContent = model.run
      ? `Playground ${model.run}${options.runLabel ? ' (' + options.runLabel + ')' : ''}, computed by the engine in this page from the weights it trained.`
      : `The trained Step ${model.step} model (seed 42, 1000 steps), computed by the engine.`;
  }

  function draw() {
    const blocks = [];
    for (let layer = 0; layer < data.nLayer; layer++) {
      if (layerShown !== 'all' && String(layer) !== layerShown) continue;
      for (let head = 0; head < data.nHead; head++) blocks.push(headMap(layer, head));
    }
    maps.replaceChildren(...blocks);
    const who = model.run ? model.run : 'Step ' + model.step;
    const cut = data.truncated ? ` Only the first ${data.tokens.length} positions fit in its block_size of ${data.blockSize}.` : '';
    readout.textContent = `${who}, "${name}": ${data.nLayer} layer${data.nLayer > 1 ? 's' : ''} × ${data.nHead} `
      + `head${data.nHead > 1 ? 's' : ''}.${cut} Hover over, tap or focus a map for a weight.`;
  }

  const weights = (layer, head, t) => data.weights[layer][head][t];

  function point(layer, head, t, s) {
    maps.querySelectorAll('.ae-cell.active').forEach((c) => c.classList.remove('active'));
    const cell = maps.querySelector(`.ae-cell[data-layer="${layer}"][data-head="${head}"][data-t="${t}"][data-s="${s}"]`);
    if (cell) cell.classList.add('active');
    readout.textContent = `Layer ${layer}, head ${head}: position ${t} (${tokenLabel(data.tokens[t])}) gives `
      + `position ${s} (${tokenLabel(data.tokens[s])}) the weight ${fmt(weights(layer, head, t)[s], 4)}.`;
  }

  /** One head's map as an SVG grid; the arrow keys move a cursor over it (only t ≥ s exist). */
  function headMap(layer, head) {
    const n = data.tokens.length;
    const root = svg('svg', { viewBox: `0 0 ${PAD + n * CELL} ${PAD + n * CELL}`, class: 'ae-map', tabindex: 0, role: 'img',
      'aria-label': `layer ${layer}, head ${head}: attention weights, one row per position, one column per earlier position; `
        + 'arrow keys move between cells' });
    data.tokens.forEach((token, t) => {
      root.append(svg('text', { class: 'chart-text', x: PAD - 6, y: PAD + t * CELL + 15, 'text-anchor': 'end', text: tokenLabel(token) }));
      root.append(svg('text', { class: 'chart-text', x: PAD + t * CELL + CELL / 2, y: PAD - 8, 'text-anchor': 'middle', text: tokenLabel(token) }));
      weights(layer, head, t).forEach((v, s) => {
        const cell = svg('rect', { class: 'ae-cell', x: PAD + s * CELL + 1, y: PAD + t * CELL + 1, width: CELL - 2, height: CELL - 2,
          'fill-opacity': Math.max(0.05, v), 'data-layer': layer, 'data-head': head, 'data-t': t, 'data-s': s },
          svg('title', { text: `position ${t} → ${s}: ${fmt(v, 4)}` }));
        // pointermove, not mouseenter: a map scrolled under a resting pointer must not overwrite a keyboard user's read-out
        cell.addEventListener('pointermove', () => point(layer, head, t, s));
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
          data.tokens.map((token, s) => el('th', { scope: 'col' }, `${s} ${tokenLabel(token)}`)))),
        el('tbody', {}, data.tokens.map((token, t) => el('tr', {}, el('th', { scope: 'row' }, `${t} ${tokenLabel(token)}`),
          data.tokens.map((other, s) => el('td', {}, s <= t ? fmt(weights(layer, head, t)[s], 3) : '')))))));
    return el('figure', { class: 'ae-head' }, el('figcaption', {}, `Layer ${layer}, head ${head}`), root, table);
  }

  try {
    await show(model, name);
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 attention-explorer' }, stepPicker, layerPicker, form, message, readout, maps, source));
}
