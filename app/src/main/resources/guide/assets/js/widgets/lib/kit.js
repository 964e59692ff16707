// Small helpers the Step 1–5 widgets share: asking the engine's JSON API, formatting numbers,
// colours for heatmaps, SVG elements and a bare SVG chart frame. No build step, no library.
// What every widget needs (the element builder, JSON requests, whether the live API answers,
// debouncing) lives in guide-api.js and is re-exported from here.
import { el, ask, liveApi, debounce, download } from './guide-api.js';

export { el, liveApi, debounce };

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element: every key an attribute (SVG has few writable properties), on… a listener, text its text. */
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  e.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

function setAttrs(e, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) e.addEventListener(key.slice(2), value);
    else if (key === 'text') e.textContent = value;
    else e.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Asks the engine a query (guide-api.js's ask): the server's answer, or the browser engine's. */
export function api(path, params = {}) {
  return ask(path, params);
}

/** Fixed decimals, with a true minus sign. */
export function fmt(x, digits = 3) {
  return minus(Number(x).toFixed(digits));
}

/** Scientific notation as Python prints it: 2.030e-09. */
export function sci(x, digits = 3) {
  const [mantissa, exponent] = Number(x).toExponential(digits).split('e');
  const e = Number(exponent);
  return minus(mantissa + 'e' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0'));
}

function minus(text) {
  return text.replace(/^-/, '−');
}

/** Reads a number typed by a reader: accepts the true minus sign too. */
export function parseNumber(text) {
  const x = Number(String(text).trim().replace('−', '-'));
  return text.trim() === '' ? NaN : x;
}

/** Blue for negative, white for zero, red for positive; |x| ≥ limit is full colour. */
export function diverging(x, limit) {
  const t = Math.max(-1, Math.min(1, x / limit));
  const mix = (a, b) => Math.round(255 + (a - 255) * Math.abs(t));
  return t < 0 ? `rgb(${mix(33)},${mix(102)},${mix(172)})` : `rgb(${mix(178)},${mix(24)},${mix(43)})`;
}

export function reducedMotion() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A message inside the widget when the engine refused or could not be reached. */
export function showError(element, error) {
  element.replaceChildren(el('p', { class: 'w12-error', role: 'alert', text: 'The engine could not answer: ' + error.message }));
}

/**
 * A plain chart frame: linear x and y scales over the given domains into a width × height
 * SVG with margins, axes with a few ticks, and axis labels.
 */
export function chartFrame({ width = 560, height = 300, x: [x0, x1], y: [y0, y1], xLabel = '', yLabel = '', ticks = 5,
  xFormat = (v) => fmt(v, 2), yFormat = (v) => fmt(v, 2) }) {
  const m = { left: 56, right: 14, top: 12, bottom: 42 };
  const sx = (v) => m.left + ((v - x0) / (x1 - x0 || 1)) * (width - m.left - m.right);
  const sy = (v) => height - m.bottom - ((v - y0) / (y1 - y0 || 1)) * (height - m.top - m.bottom);
  sx.invert = (px) => x0 + ((px - m.left) / (width - m.left - m.right)) * (x1 - x0);
  sy.invert = (py) => y0 + ((height - m.bottom - py) / (height - m.top - m.bottom)) * (y1 - y0);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img' });
  const axes = svg('g', { class: 'axes', 'aria-hidden': 'true' });
  axes.append(svg('line', { x1: m.left, x2: width - m.right, y1: height - m.bottom, y2: height - m.bottom }));
  axes.append(svg('line', { x1: m.left, x2: m.left, y1: m.top, y2: height - m.bottom }));
  for (let i = 0; i <= ticks; i++) {
    const xv = x0 + ((x1 - x0) * i) / ticks;
    const yv = y0 + ((y1 - y0) * i) / ticks;
    axes.append(svg('text', { x: sx(xv), y: height - m.bottom + 16, 'text-anchor': 'middle', text: xFormat(xv) }));
    axes.append(svg('text', { x: m.left - 6, y: sy(yv) + 4, 'text-anchor': 'end', text: yFormat(yv) }));
    axes.append(svg('line', { class: 'grid', x1: m.left, x2: width - m.right, y1: sy(yv), y2: sy(yv) }));
  }
  axes.append(svg('text', { x: (m.left + width - m.right) / 2, y: height - 6, 'text-anchor': 'middle', text: xLabel }));
  axes.append(svg('text', { x: 12, y: (m.top + height - m.bottom) / 2, 'text-anchor': 'middle',
    transform: `rotate(-90 12 ${(m.top + height - m.bottom) / 2})`, text: yLabel }));
  root.append(axes);
  return { root, sx, sy, margin: m, width, height };
}

/** An SVG path through points [[x, y], …] already in pixels. */
export function pathOf(points) {
  return points.map(([x, y], i) => (i === 0 ? 'M' : 'L') + x.toFixed(2) + ',' + y.toFixed(2)).join('');
}

/** Where a pointer event falls in an SVG's viewBox coordinates. */
export function svgPoint(root, event) {
  const box = root.getBoundingClientRect();
  const view = root.viewBox.baseVal;
  return [((event.clientX - box.left) / box.width) * view.width, ((event.clientY - box.top) / box.height) * view.height];
}

/**
 * What is wrong with a typed name, in the API's own words, or null: checked here first so that a
 * typo gets its answer without a failed request (the API checks again).
 */
export function nameProblem(name, vocabulary, maxLength = 16) {
  const chars = Array.from(name);
  if (chars.length === 0) return 'Type a name.';
  if (chars.length > maxLength) return `"${name}" is ${chars.length} characters long; at most ${maxLength} please.`;
  const letters = vocabulary.filter((t) => t !== 'BOS');
  const bad = chars.find((c) => !letters.includes(c));
  return bad === undefined ? null : `"${name}" has '${bad}', which is not in the vocabulary (${letters.join('')}).`;
}


/** The SVG styles that carry meaning (colours, line widths, dashes, text): written into an exported copy. */
const EXPORTED_STYLES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'visibility'];

/**
 * A chart's SVG as a standalone document: a copy with the page's CSS written into each element's
 * style, so it looks the same opened on its own, in an editor or on a slide.
 */
export function standaloneSvg(root) {
  const copy = root.cloneNode(true);
  const originals = [root, ...root.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((node, i) => {
    const style = getComputedStyle(node);
    copies[i].setAttribute('style', EXPORTED_STYLES.map((p) => p + ':' + style.getPropertyValue(p)).join(';'));
  });
  const box = root.viewBox.baseVal;
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(box.width));
  copy.setAttribute('height', String(box.height));
  copy.removeAttribute('tabindex');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy) + '\n';
}

/** Rows (the first is the header) as CSV: numbers at full precision, text quoted when it must be. */
export function csvOf(rows) {
  const cell = (v) => (typeof v === 'number' ? String(v) : /[",\n]/.test(String(v)) ? '"' + String(v).replace(/"/g, '""') + '"' : String(v));
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/**
 * "Download SVG" and "Download CSV" for a chart drawn with chartFrame: chart() gives its current
 * SVG root (charts are redrawn), rows() its data, and name the files' name.
 */
export function chartDownloads(name, chart, rows) {
  return el('div', { class: 'chart-downloads' },
    el('button', { type: 'button', class: 'chart-svg', onclick: () => download(
      new Blob([standaloneSvg(chart())], { type: 'image/svg+xml' }), name() + '.svg') }, 'Download SVG'),
    el('button', { type: 'button', class: 'chart-csv', onclick: () => download(
      new Blob([csvOf(rows())], { type: 'text/csv' }), name() + '.csv') }, 'Download CSV'));
}
