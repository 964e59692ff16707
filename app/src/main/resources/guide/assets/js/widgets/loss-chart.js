// The loss chart every step uses: each step's 1000 training losses (from api/runs/stepN.json)
// as one line, the random-guess baseline −log(1/27) dashed, a read-out of every series at the
// hovered step, a legend of buttons that hide and show a series, a moving average, PNG and CSV downloads,
// and a table of first, last-step and final losses (the guide's final loss: the mean of the last
// 100 steps) as the text alternative. Step runs that coincide (Step 1 lies exactly under Step 2,
// Step 3 almost under Step 4) are told apart: the later one dashed, every line labelled at its
// end, and a note giving the largest difference between the two.
//
// Other widgets import lossChart(element, series, options) to draw their own curves.
import { getJson, loadScript, loadStyle, el, download, fixed, uid, UPLOT_JS, UPLOT_CSS } from './lib/guide-api.js';
import { chartFrame, csvOf, fmt, standaloneSvg, svg } from './lib/kit.js';

/** One colour per step, the same on every page (each 3:1 or more on white). */
export const STEP_COLOURS = ['#0550ae', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#4d2d00'];
export const MOVING_AVERAGE_WINDOW = 50;
/** Two runs whose losses never differ by more than this at any step would hide one another. */
export const COINCIDE = 0.05;
/** Why two of the guide's runs coincide, for the chart's note (the page's prose says more). */
const WHY_THEY_COINCIDE = {
  '1,2': 'the same model from the same starting weights on the same names; only the way the gradient is found differs',
  '3,4': 'the same parameters from the same starting weights on the same names; only the split of attention into heads differs',
};
const DASH = [8, 5];

/** The widget: data-steps="0,1,2" draws those steps' seeded runs. */
export default async function mount(element, options = {}) {
  const steps = String(options.steps || '0').split(',').map((s) => Number(s.trim()));
  const runs = await Promise.all(steps.map((step) => getJson('api/runs/step' + step + '.json')));
  const series = runs.map((run) => ({
    label: 'Step ' + run.step + ': ' + run.title,
    short: 'Step ' + run.step,
    step: run.step,
    losses: run.losses,
    colour: STEP_COLOURS[run.step % STEP_COLOURS.length],
    params: run.numParams,
    trainMs: run.trainMs,
    trainRuns: run.trainRuns,
  }));
  return lossChart(element, series, { vocabSize: runs[0].vocabSize, name: 'loss-steps-' + steps.join('-') });
}

/**
 * Draws loss curves into element. series: [{label, losses (index i = training step i+1), colour?,
 * params?, trainMs?, trainRuns?, short?, step?}]; when every series has params and trainMs (the
 * steps' own runs), the table beside the chart also gives them, and is open: it is then the
 * comparison, not only a fallback. When every series has a short name, each line is labelled with
 * it at its end, and runs that coincide are drawn apart (see coinciding).
 * options: vocabSize (baseline −ln(1/vocabSize), default 27), baseline (overrides it), height,
 * name (file name of the downloads), caption. Returns {plot, update(series), csv(), svg(), destroy()}.
 */
export async function lossChart(element, series, options = {}) {
  loadStyle(UPLOT_CSS);
  const uPlot = await loadScript(UPLOT_JS, 'uPlot');
  const baseline = options.baseline ?? -Math.log(1 / (options.vocabSize || 27));
  const name = options.name || 'loss';
  const id = uid('loss-chart');
  let current = styled(series);
  const labelled = current.length > 1 && current.every((s) => s.short);

  // Several noisy curves on top of each other are unreadable raw: smooth them by default.
  const average = el('input', { type: 'checkbox', id: id + '-ma', className: 'loss-chart-ma', checked: options.smooth ?? series.length > 1 });
  const readout = el('p', { className: 'loss-chart-readout', 'aria-live': 'polite', text: 'Hover over the chart, or focus it and use ← →, to read the losses.' });
  // The plot is one image to a screen reader (its label says what is drawn; the table has the
  // numbers), so it holds nothing focusable: the legend's buttons are outside it, not in uPlot's.
  const plotBox = el('div', { className: 'loss-chart-plot', tabIndex: 0, role: 'img' });
  const legend = el('ul', { className: 'loss-chart-legend', 'aria-label': 'Series shown' });
  const summary = el('details', { className: 'loss-chart-summary' });
  const note = el('p', { className: 'loss-chart-note' });
  const root = el('div', { className: 'loss-chart' },
    el('div', { className: 'widget-controls' },
      el('label', { htmlFor: id + '-ma' }, average, ' Moving average (' + MOVING_AVERAGE_WINDOW + ' steps)'),
      el('button', { type: 'button', className: 'loss-chart-png', text: 'Download PNG', onclick: () => png() }),
      el('button', { type: 'button', className: 'loss-chart-svg', text: 'Download SVG',
        onclick: () => download(new Blob([svgOf(root, plot, current, baseline)], { type: 'image/svg+xml' }), name + '.svg') }),
      el('button', { type: 'button', className: 'loss-chart-csv', text: 'Download CSV', onclick: () => download(new Blob([csv()], { type: 'text/csv' }), name + '.csv') })),
    plotBox, legend, readout, note, summary);
  element.replaceChildren(root);

  const shown = () => current.map((s) => (average.checked ? movingAverage(s.losses, MOVING_AVERAGE_WINDOW) : s.losses));
  // Series may differ in length (the playground's runs): the x axis spans the longest.
  const data = () => [Array.from({ length: Math.max(...current.map((s) => s.losses.length)) }, (_, i) => i + 1), ...shown()];

  const plot = new uPlot({
    width: plotWidth(root),
    height: options.height || 300,
    // Room at the right for the labels at the lines' ends.
    padding: [null, labelled ? 58 : null, null, null],
    scales: {
      x: { time: false },
      // The baseline is always in view: the range covers the losses and the random-guess line.
      y: { range: (u, min, max) => { const lo = Math.min(min, baseline), hi = Math.max(max, baseline); const pad = (hi - lo) * 0.05 || 0.1; return [lo - pad, hi + pad]; } },
    },
    axes: [
      { label: 'training step', stroke: '#1f2328', grid: { stroke: '#eaeef2' } },
      { label: 'loss', stroke: '#1f2328', grid: { stroke: '#eaeef2' }, size: 55 },
    ],
    cursor: { drag: { x: false, y: false } },
    // uPlot's own legend is a table whose rows would have to act as buttons (no valid HTML
    // allows a button role on a row): this chart draws its own, below.
    legend: { show: false },
    series: [{ label: 'step', value: (u, v) => (v == null ? '–' : String(v)) },
      ...current.map((s) => ({ label: s.label, stroke: s.colour, width: s.dashed ? 2 : 1.5, dash: s.dashed ? DASH : undefined,
        value: (u, v) => (v == null ? '–' : fixed(v, 4)) }))],
    hooks: {
      draw: [(u) => drawBaseline(u, baseline), (u) => { if (labelled) drawEndLabels(u, current); }],
      setCursor: [(u) => showReadout(u)],
      setSeries: [(u) => { markLegend(); showReadout(u); }],
    },
  }, data(), plotBox);

  let lastIdx = null;
  function showReadout(u) {
    const i = u.cursor.idx ?? lastIdx;
    if (i == null) return;
    lastIdx = i;
    const parts = current.map((s, k) => (u.series[k + 1].show ? s.label + ' ' + fixed(u.data[k + 1][i], 4) : null)).filter(Boolean);
    readout.textContent = 'Step ' + (i + 1) + (average.checked ? ' (moving average)' : '') + ': '
      + (parts.length ? parts.join(' · ') : 'no series shown');
  }

  // The legend: a toggle button per series, its swatch drawn as the line is (colour, dashes).
  // Made once per chart (the Playground remakes the chart for a new run); markLegend keeps it
  // in step with what is shown, so a focused button stays focused while a run streams in.
  const toggles = current.map((s, k) => {
    const button = el('button', { type: 'button', className: 'loss-chart-toggle' },
      el('span', { className: 'loss-chart-marker', 'aria-hidden': 'true' }), el('span', { className: 'loss-chart-label' }));
    button.addEventListener('click', () => plot.setSeries(k + 1, { show: !plot.series[k + 1].show }));
    return button;
  });
  legend.replaceChildren(...toggles.map((button) => el('li', {}, button)));

  function markLegend() {
    toggles.forEach((button, k) => {
      const s = current[k];
      button.dataset.series = s.label;
      button.setAttribute('aria-pressed', String(plot ? plot.series[k + 1].show : true));
      button.querySelector('.loss-chart-label').textContent = s.label;
      const marker = button.querySelector('.loss-chart-marker');
      marker.style.borderTopColor = s.colour;
      marker.style.borderTopStyle = s.dashed ? 'dashed' : 'solid';
    });
  }

  function describe() {
    note.replaceChildren(...coincidenceNotes(current).map((text) => el('span', { text })));
    note.hidden = note.childElementCount === 0;
    plotBox.setAttribute('aria-label', 'Loss per training step for ' + current.map((s) => s.label).join(', ')
      + '; the dashed line is random guessing at ' + fixed(baseline, 2) + '. The table below gives the numbers.');
    const comparison = current.every((s) => s.params != null && s.trainMs != null);
    const rows = current.map((s) => el('tr', {},
      el('th', { scope: 'row', text: s.label }),
      el('td', { text: fixed(s.losses[0], 4) }),
      el('td', { text: fixed(s.losses[s.losses.length - 1], 4) }),
      el('td', { className: 'loss-chart-final', text: fixed(mean(s.losses.slice(-100)), 4) }),
      comparison ? el('td', { text: s.params.toLocaleString('en-US') }) : null,
      comparison ? el('td', { className: 'loss-chart-time', text: s.trainMs.toLocaleString('en-US') + ' ms' }) : null));
    const runs = current.every((s) => s.trainRuns) ? current[0].trainRuns : null;
    const headers = ['Series', 'First loss', "Last step's loss", 'Final loss (average of the last 100 steps)']
      .concat(comparison ? ['Parameters', 'Training time' + (runs ? ' (median of ' + runs + ' runs)' : '')] : []);
    summary.open = comparison;
    summary.replaceChildren(el('summary', { text: comparison ? 'Final losses and training times' : 'The losses as a table' }),
      el('table', { className: 'loss-chart-table' },
        el('caption', { text: 'Random guessing scores ' + fixed(baseline, 4) + ' (−log(1/' + Math.round(Math.exp(baseline)) + ')).' }),
        el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows)));
  }

  // Keyboard: ← → move the read-out one step (Shift: 50), Home/End jump.
  plotBox.addEventListener('keydown', (event) => {
    const n = current[0].losses.length;
    const at = plot.cursor.idx == null ? -1 : plot.cursor.idx;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: n - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    event.stopPropagation();   // the guide's ← → move between pages otherwise
    const step = event.shiftKey && event.key.startsWith('Arrow') ? (event.key === 'ArrowRight' ? 49 : -49) : 0;
    const i = Math.max(0, Math.min(n - 1, moves[event.key] + step));
    plot.setCursor({ left: plot.valToPos(i + 1, 'x'), top: plot.valToPos(plot.data[1][i] ?? baseline, 'y') });
  });

  // Touch: a finger on the chart moves the read-out as the mouse does (vertical scrolling still works).
  const over = plotBox.querySelector('.u-over');
  const touch = (event) => {
    const finger = event.touches && event.touches[0];
    if (!finger) return;
    const box = over.getBoundingClientRect();
    plot.setCursor({ left: finger.clientX - box.left, top: finger.clientY - box.top });
    showReadout(plot);
  };
  over.addEventListener('touchstart', touch, { passive: true });
  over.addEventListener('touchmove', touch, { passive: true });
  over.style.touchAction = 'pan-y';

  average.addEventListener('change', () => { plot.setData(data()); showReadout(plot); });

  let width = plot.width;
  const resize = new ResizeObserver(() => {
    if (plotWidth(root) === width) return;
    width = plotWidth(root);
    requestAnimationFrame(() => plot.setSize({ width, height: plot.height }));
  });
  resize.observe(root);

  function csv() {
    return csvOf([['step', ...current.map((s) => s.label)],
      ...current[0].losses.map((_, i) => [i + 1, ...current.map((s) => s.losses[i])])]);
  }

  function png() {
    const source = plot.ctx.canvas;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    canvas.toBlob((blob) => download(blob, name + '.png'), 'image/png');
  }

  markLegend();
  describe();
  return {
    plot,
    csv,
    svg: () => svgOf(root, plot, current, baseline),
    update(newSeries) {
      current = styled(newSeries);
      plot.setData(data());
      markLegend();
      describe();
    },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}

/**
 * The chart as it is shown (the series switched on, raw or averaged, the same axis ranges) as a
 * standalone SVG document: vector lines for a paper or a slide, where the PNG would blur. Drawn
 * with kit.js's chartFrame and exported with its standaloneSvg, as the guide's other charts are;
 * the drawing is put in the page (off screen) for a moment so that the page's styles apply.
 */
function svgOf(root, plot, series, baseline) {
  const shown = series.map((s, k) => ({ ...s, values: plot.data[k + 1] })).filter((s, k) => plot.series[k + 1].show);
  const [x0, x1] = [plot.scales.x.min, plot.scales.x.max];
  const frame = chartFrame({ width: 800, height: 360, x: [x0, x1], y: [plot.scales.y.min, plot.scales.y.max],
    xLabel: 'training step', yLabel: 'loss', xFormat: (v) => String(Math.round(v)), yFormat: (v) => fmt(v, 2) });
  const { root: chart, sx, sy } = frame;
  const legendRow = 18;
  const endLabels = shown.length > 1 && shown.every((s) => s.short);
  // Room for the legend below, and for the labels at the lines' ends on the right.
  chart.setAttribute('viewBox', `0 0 ${frame.width + (endLabels ? 50 : 20)} ${frame.height + legendRow * shown.length + 8}`);
  chart.prepend(svg('title', { text: 'Loss per training step: ' + shown.map((s) => s.label).join(', ') }));
  chart.append(svg('line', { class: 'baseline', x1: sx(x0), x2: sx(x1), y1: sy(baseline), y2: sy(baseline) }),
    svg('text', { x: sx(x1) - 4, y: sy(baseline) - 5, 'text-anchor': 'end', text: 'random guessing ' + fixed(baseline, 2) }));
  shown.forEach((s, k) => {
    const points = s.values.map((v, i) => (v == null ? null : sx(i + 1).toFixed(1) + ',' + sy(v).toFixed(1))).filter(Boolean);
    const y = frame.height + 4 + legendRow * k;
    const dash = s.dashed ? { 'stroke-dasharray': DASH.join(' ') } : {};
    chart.append(svg('polyline', { class: 'series', 'data-label': s.label, fill: 'none', stroke: s.colour, 'stroke-width': s.dashed ? 2 : 1.5,
      points: points.join(' '), ...dash }),
    svg('line', { x1: frame.margin.left, x2: frame.margin.left + 24, y1: y - 4, y2: y - 4, stroke: s.colour, 'stroke-width': 3, ...dash }),
    svg('text', { x: frame.margin.left + 30, y, text: s.label }));
  });
  if (endLabels) {
    const ends = shown.map((s) => { const last = s.values.filter((v) => v != null).pop(); return { s, y: sy(last) }; });
    spread(ends, 13).forEach(({ s, y }) => chart.append(svg('text', { class: 'end-label', x: sx(x1) + 4, y: y + 4, fill: s.colour, text: s.short })));
  }
  const offScreen = el('div', { className: 'loss-chart-export', style: 'position:absolute; left:-10000px; top:0; width:800px' }, chart);
  root.append(offScreen);
  try {
    return standaloneSvg(chart);
  } finally {
    offScreen.remove();
  }
}

/** Colours, and which runs are dashed: of two that coincide, the later one, so the earlier shows through its gaps. */
function styled(series) {
  const out = series.map((s, i) => ({ ...s, colour: s.colour || STEP_COLOURS[i % STEP_COLOURS.length], dashed: false }));
  if (out.every((s) => s.short)) coinciding(out).forEach(({ b }) => { out[b].dashed = true; });
  return out;
}

/** Every pair of series (a before b) whose losses never differ by more than COINCIDE, with that largest difference. */
export function coinciding(series) {
  const pairs = [];
  series.forEach((a, i) => series.forEach((b, j) => {
    if (j <= i) return;
    let max = 0;
    for (let k = 0; k < Math.min(a.losses.length, b.losses.length); k++) max = Math.max(max, Math.abs(a.losses[k] - b.losses[k]));
    if (max <= COINCIDE) pairs.push({ a: i, b: j, max });
  }));
  return pairs;
}

/** One sentence per coinciding pair: that they coincide, by how much at most, and why. */
function coincidenceNotes(series) {
  if (!series.every((s) => s.short)) return [];
  return coinciding(series).map(({ a, b, max }) => {
    const [first, second] = [series[a], series[b]];
    const why = WHY_THEY_COINCIDE[first.step + ',' + second.step];
    const difference = max === 0 ? '0' : max < 1e-4 ? max.toExponential(1).replace('-', '−') : fixed(max, 3);
    return `${first.short} and ${second.short} ${max < 1e-4 ? 'lie exactly on top of each other' : 'almost coincide'}: `
      + `their losses never differ by more than ${difference} at any step, so ${second.short} is drawn dashed over ${first.short}`
      + (why ? ` (${why}). ` : '. ');
  });
}

/** Labels at the right end of each line (the shown values), pushed apart where lines end together. */
function drawEndLabels(u, series) {
  const dpr = window.devicePixelRatio || 1;
  const { left, width } = u.bbox;
  const ends = series.map((s, k) => {
    if (!u.series[k + 1].show) return null;
    const values = u.data[k + 1];
    let i = values.length - 1;
    while (i >= 0 && values[i] == null) i--;
    return i < 0 ? null : { s, y: u.valToPos(values[i], 'y', true) };
  }).filter(Boolean);
  const ctx = u.ctx;
  ctx.save();
  ctx.font = 'bold ' + Math.round(12 * dpr) + 'px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  spread(ends, 14 * dpr).forEach(({ s, y }) => {
    ctx.fillStyle = s.colour;
    ctx.fillText(s.short, left + width + 5 * dpr, y);
  });
  ctx.restore();
}

/** Moves labels (each {y}) apart so that no two are closer than gap, keeping their order. */
function spread(labels, gap) {
  const sorted = [...labels].sort((p, q) => p.y - q.y);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].y - sorted[i - 1].y < gap) sorted[i] = { ...sorted[i], y: sorted[i - 1].y + gap };
  }
  return sorted;
}

/** The dashed random-guess line with its label, drawn on the canvas (so the PNG has it too). */
function drawBaseline(u, baseline) {
  const y = Math.round(u.valToPos(baseline, 'y', true));
  const { left, width, top, height } = u.bbox;
  if (y < top || y > top + height) return;
  const ctx = u.ctx;
  const dpr = window.devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = '#57606a';
  ctx.lineWidth = 1.5 * dpr;
  ctx.setLineDash([6 * dpr, 4 * dpr]);
  ctx.beginPath();
  ctx.moveTo(left, y);
  ctx.lineTo(left + width, y);
  ctx.stroke();
  ctx.setLineDash([]);
  const text = 'random guess −log(1/' + Math.round(Math.exp(baseline)) + ') ≈ ' + fixed(baseline, 2);
  ctx.font = Math.round(12 * dpr) + 'px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  const x = left + width - 4 * dpr;
  const textWidth = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';   // the label stays readable over the curves
  ctx.fillRect(x - textWidth - 3 * dpr, y - 17 * dpr, textWidth + 6 * dpr, 15 * dpr);
  ctx.fillStyle = '#1f2328';
  ctx.fillText(text, x, y - 3 * dpr);
  ctx.restore();
}

export function movingAverage(values, window) {
  const out = new Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out[i] = sum / Math.min(i + 1, window);
  }
  return out;
}

function mean(values) {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function plotWidth(root) {
  return Math.max(240, Math.floor(root.clientWidth || 600));
}
