// 1.3 Linear: edit the input x and the rows of w; each output y[i] = Σ_j w[i][j]·x[j] is shown
// with its products, live. The arithmetic is the engine's linear(), written again in three lines.
import { el, fmt, parseNumber } from './lib/kit.js';

const START_X = [1, 2, -1];
const START_W = [[0.5, -1, 0], [1, 2, -1], [-1, -2, 1]];

export default function dotProduct(element) {
  const x = START_X.slice();
  const w = START_W.map((row) => row.slice());

  const input = (value, label, onChange) => el('input', {
    type: 'number', step: '0.1', value, class: 'num-input', 'aria-label': label,
    oninput: (e) => { const v = parseNumber(e.target.value); if (Number.isFinite(v)) { onChange(v); render(); } },
  });

  const xRow = el('div', { class: 'dp-vector' }, el('span', { class: 'dp-name' }, 'x ='),
    x.map((v, j) => input(v, `x[${j}]`, (n) => { x[j] = n; })));
  const rows = w.map((row, i) => {
    const out = el('output', { class: 'dp-out', 'data-row': i });
    const terms = el('span', { class: 'dp-terms' });
    const line = el('div', { class: 'dp-row' }, el('span', { class: 'dp-name' }, `w[${i}] =`),
      row.map((v, j) => input(v, `w[${i}][${j}]`, (n) => { w[i][j] = n; })), terms, out);
    return { line, out, terms };
  });
  const summary = el('p', { class: 'dp-summary', 'aria-live': 'polite' });

  function render() {
    const ys = w.map((row) => row.reduce((sum, wij, j) => sum + wij * x[j], 0));
    rows.forEach(({ out, terms }, i) => {
      terms.textContent = '→ ' + w[i].map((wij, j) => `${fmt(wij, 2)}·${fmt(x[j], 2)}`).join(' + ');
      out.textContent = `y[${i}] = ${fmt(ys[i], 2)}`;
      out.className = 'dp-out ' + (ys[i] > 0 ? 'positive' : ys[i] < 0 ? 'negative' : '');
    });
    const best = ys.indexOf(Math.max(...ys));
    summary.textContent = `Outputs: ${ys.map((y, i) => `y[${i}] = ${fmt(y, 2)}`).join(', ')}. Row ${best} points most the same way as x.`;
  }

  render();
  element.replaceChildren(el('div', { class: 'w12 dot-product' }, xRow, rows.map((r) => r.line), summary));
}
