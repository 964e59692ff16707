// 0.5: training is counting. Step through the shuffled names (buttons, slider, arrow keys) and
// watch the 27×27 table fill in as a heatmap; the cells the current name just counted are
// outlined. Hover or focus a cell (arrow keys move inside the table) for its count.
// With data-numbers="yes" (0.3) each cell also shows its count while every count fits in two
// digits: before training, a 27×27 grid of zeros.
import { ask, loadScript, el, tokenChip, uid, D3_JS } from './lib/guide-api.js';

const CELL = 18, LABEL = 22;

export default async function mount(element, options = {}) {
  const d3 = await loadScript(D3_JS, 'd3');
  const start = Number(options.steps || 1);
  const first = await ask('step0/table', { steps: start });
  const vocab = first.vocab;
  const n = vocab.length;
  const id = uid('count-table');

  const prev = el('button', { type: 'button', className: 'count-table-prev', text: '← Previous name' });
  const next = el('button', { type: 'button', className: 'count-table-next', text: 'Next name →' });
  const slider = el('input', { type: 'range', id: id + '-steps', className: 'count-table-slider', min: 0, max: first.maxSteps, step: 1, value: start });
  const stepLabel = el('output', { className: 'count-table-step', htmlFor: id + '-steps' });
  const nameLine = el('p', { className: 'widget-readout count-table-current', 'aria-live': 'polite' });
  const readout = el('p', { className: 'widget-readout count-table-readout', 'aria-live': 'polite', text: 'Hover over or focus a cell for its count.' });
  const heatmap = el('div', { className: 'count-table-heatmap' });
  const details = el('details', { className: 'count-table-text' });
  element.replaceChildren(
    el('div', { className: 'widget-controls' }, prev, next,
      el('label', { htmlFor: id + '-steps', text: 'Steps trained: ' }), slider, stepLabel),
    nameLine, heatmap, readout, details);

  const size = LABEL + n * CELL + 2;
  const svg = d3.select(heatmap).append('svg').attr('viewBox', '0 0 ' + size + ' ' + size)
    .attr('width', size).attr('height', size)
    .attr('tabindex', 0).attr('role', 'group')
    .attr('aria-label', 'Count table: rows are the current token, columns the next token. Arrow keys move between cells.');
  const label = (t) => (t.text === 'BOS' ? 'B' : t.text);
  svg.append('g').selectAll('text').data(vocab).join('text').attr('class', 'chart-text')
    .attr('x', (d, i) => LABEL + i * CELL + CELL / 2).attr('y', LABEL - 8).attr('text-anchor', 'middle').text(label);
  svg.append('g').selectAll('text').data(vocab).join('text').attr('class', 'chart-text')
    .attr('x', LABEL - 6).attr('y', (d, i) => LABEL + i * CELL + CELL / 2 + 4).attr('text-anchor', 'end').text(label);
  const cells = svg.append('g').selectAll('rect')
    .data(d3.range(n * n).map((k) => ({ row: Math.floor(k / n), col: k % n })))
    .join('rect').attr('class', 'cell')
    .attr('x', (d) => LABEL + d.col * CELL).attr('y', (d) => LABEL + d.row * CELL)
    .attr('width', CELL - 1).attr('height', CELL - 1)
    .attr('data-row', (d) => d.row).attr('data-col', (d) => d.col)
    .on('mouseenter', (event, d) => point(d.row, d.col))
    .on('pointerdown', (event, d) => point(d.row, d.col));

  // The counts written in the cells (numbers=yes): one text per cell, above the rects, not hit-testable.
  const written = options.numbers === 'yes' ? svg.append('g').attr('class', 'count-table-numbers').attr('aria-hidden', 'true')
    .selectAll('text').data(d3.range(n * n).map((k) => ({ row: Math.floor(k / n), col: k % n })))
    .join('text').attr('class', 'count-table-number')
    .attr('x', (d) => LABEL + d.col * CELL + (CELL - 1) / 2).attr('y', (d) => LABEL + d.row * CELL + CELL / 2 + 3)
    .attr('text-anchor', 'middle') : null;

  let table = first;
  let active = null;
  function point(row, col) {
    active = { row, col };
    cells.classed('active', (d) => d.row === row && d.col === col);
    readout.textContent = 'count[' + vocab[row].text + ' → ' + vocab[col].text + '] = ' + table.counts[row][col]
      + ' (row ' + vocab[row].text + ' has ' + table.rowTotals[row] + ' pairs)';
    readout.dataset.row = row;
    readout.dataset.col = col;
  }
  svg.on('focus', () => { if (!active) point(0, 0); });
  svg.on('keydown', (event) => {
    const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const at = active || { row: 0, col: 0 };
    const [dr, dc] = moves[event.key];
    point(Math.max(0, Math.min(n - 1, at.row + dr)), Math.max(0, Math.min(n - 1, at.col + dc)));
  });

  function draw(answer) {
    table = answer;
    const max = Math.max(1, d3.max(answer.counts.flat()));
    const colour = d3.scaleSequentialSqrt(d3.interpolateBlues).domain([0, max]);
    const counted = new Set(answer.pairs.map((p) => p.from.id * n + p.to.id));
    cells.attr('fill', (d) => (answer.counts[d.row][d.col] === 0 ? '#ffffff' : colour(answer.counts[d.row][d.col])))
      .classed('counted', (d) => counted.has(d.row * n + d.col))
      .attr('data-count', (d) => answer.counts[d.row][d.col]);
    if (written) {
      const fits = max < 100;
      written.attr('display', fits ? null : 'none').text((d) => String(answer.counts[d.row][d.col]))
        .attr('fill', (d) => (answer.counts[d.row][d.col] > max / 2 ? '#ffffff' : '#1f2328'));
    }
    slider.value = answer.steps;
    slider.setAttribute('aria-valuetext', answer.steps + ' names counted');
    stepLabel.textContent = answer.steps + ' / ' + answer.maxSteps;
    prev.disabled = answer.steps === 0;
    next.disabled = answer.steps === answer.maxSteps;
    if (answer.name === null) {
      nameLine.replaceChildren('Nothing counted yet: every cell is 0.');
    } else {
      nameLine.replaceChildren('Step ' + answer.steps + ' counted ', el('span', { className: 'count-table-name', text: answer.name }),
        ': ', ...answer.pairs.map((p) => el('span', { className: 'count-table-pair' }, tokenChip(p.from), '→', tokenChip(p.to), ' ')),
        '(' + answer.total + ' pairs counted so far)');
    }
    if (active) point(active.row, active.col);
    if (details.open) fillText();
    else details.replaceChildren(el('summary', { text: 'The count table as text' }));
  }

  function fillText() {
    const head = el('tr', {}, el('th', { scope: 'col', text: 'current ↓ next →' }), vocab.map((t) => el('th', { scope: 'col', text: t.text })));
    const rows = table.counts.map((row, i) => el('tr', {}, el('th', { scope: 'row', text: vocab[i].text }), row.map((c) => el('td', { text: String(c) }))));
    details.replaceChildren(el('summary', { text: 'The count table as text' }),
      el('div', { className: 'table-scroll' }, el('table', {}, el('thead', {}, head), el('tbody', {}, rows))));
  }
  details.addEventListener('toggle', () => { if (details.open) fillText(); });

  let latest = 0;
  async function go(steps) {
    const k = Math.max(0, Math.min(first.maxSteps, steps));
    const asked = ++latest;
    const answer = await ask('step0/table', { steps: k });
    if (asked === latest) draw(answer);
  }
  prev.addEventListener('click', () => go(table.steps - 1));
  next.addEventListener('click', () => go(table.steps + 1));
  slider.addEventListener('input', () => go(Number(slider.value)));
  draw(first);
}
