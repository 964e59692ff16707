// 1.2 The parameters: the three weight matrices at initialisation as heatmaps (blue below zero,
// red above). Point at a cell, or focus a matrix and move with the arrow keys, to read its value.
import { api, diverging, el, fmt, showError, svg } from './lib/kit.js';

const CELL = 8;
const LIMIT = 0.2;   // ±2.5 standard deviations of the initial gauss(0, 0.08): full colour

const MEANING = {
  wte: 'one row per token, 16 numbers each: the token embeddings',
  mlp_fc1: 'one row per hidden unit, 16 weights each: the hidden layer',
  mlp_fc2: 'one row per next token, 64 weights each: the read-out',
};

function stats(values) {
  const flat = values.flat();
  const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
  const sd = Math.sqrt(flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length);
  return { min: Math.min(...flat), max: Math.max(...flat), mean, sd };
}

function heatmap(matrix, readout) {
  const { name, rows, cols, rowLabels, values } = matrix;
  const cursor = { r: 0, c: 0 };
  const root = svg('svg', { viewBox: `0 0 ${cols * CELL + 34} ${rows * CELL}`, class: 'heatmap', tabindex: 0, role: 'img',
    'aria-label': `${name}, ${rows} by ${cols}: use the arrow keys to read values` });
  const cells = svg('g', { transform: 'translate(34,0)' });
  for (let r = 0; r < rows; r++) {
    if (rows <= 27 || r % 8 === 0) {
      root.append(svg('text', { x: 30, y: r * CELL + CELL - 1, 'text-anchor': 'end', class: 'hm-row-label', text: rowLabels[r] }));
    }
    for (let c = 0; c < cols; c++) {
      cells.append(svg('rect', { x: c * CELL, y: r * CELL, width: CELL, height: CELL, fill: diverging(values[r][c], LIMIT), 'data-r': r, 'data-c': c }));
    }
  }
  const mark = svg('rect', { class: 'hm-cursor', width: CELL, height: CELL, x: 0, y: 0, visibility: 'hidden' });
  cells.append(mark);
  root.append(cells);

  function show(r, c) {
    cursor.r = r; cursor.c = c;
    mark.setAttribute('x', c * CELL); mark.setAttribute('y', r * CELL); mark.setAttribute('visibility', 'visible');
    readout.textContent = `${name}[${r}][${c}] (row ${rowLabels[r]}) = ${fmt(values[r][c], 4)}`;
  }
  const pick = (event) => {
    const t = event.target;
    if (t.dataset && t.dataset.r !== undefined) show(Number(t.dataset.r), Number(t.dataset.c));
  };
  root.addEventListener('pointermove', pick);
  root.addEventListener('pointerdown', pick);
  root.addEventListener('focus', () => show(cursor.r, cursor.c));
  root.addEventListener('keydown', (event) => {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();   // the page's own ← → move between sections
    show(Math.max(0, Math.min(rows - 1, cursor.r + move[0])), Math.max(0, Math.min(cols - 1, cursor.c + move[1])));
  });
  return root;
}

export default async function paramHeatmaps(element) {
  let params;
  try {
    params = await api('step1/params');
  } catch (e) {
    showError(element, e);
    return;
  }
  const readout = el('p', { class: 'hm-readout', 'aria-live': 'polite', text: 'Point at a cell to read its value.' });
  const figures = params.matrices.map((m) => {
    const s = stats(m.values);
    return el('figure', { class: 'hm-figure', 'data-matrix': m.name },
      heatmap(m, readout),
      el('figcaption', {}, el('code', {}, m.name), ` ${m.rows} × ${m.cols}, ${MEANING[m.name] || ''}. `
        + `Values from ${fmt(s.min, 3)} to ${fmt(s.max, 3)}, mean ${fmt(s.mean, 4)}, standard deviation ${fmt(s.sd, 4)}.`));
  });
  element.replaceChildren(el('div', { class: 'w12 param-heatmaps' },
    readout, el('div', { class: 'hm-grid' }, figures),
    el('p', { class: 'hm-legend' }, el('span', { class: 'hm-swatch hm-neg', 'aria-hidden': 'true' }), ' below zero ',
      el('span', { class: 'hm-swatch hm-pos', 'aria-hidden': 'true' }), ' above zero; white is zero; ',
      `${params.numParams.toLocaleString('en-US')} numbers in all.`)));
}
