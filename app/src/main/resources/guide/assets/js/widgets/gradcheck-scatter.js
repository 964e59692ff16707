// 1.8 Gradient check: one dot per parameter, placed by its numerical gradient (across) and its
// analytic gradient (up). If the hand-derived backward pass is right, every dot sits on the
// diagonal y = x. Type any name to check the gradients on it.
import { api, chartDownloads, chartFrame, el, fmt, nameProblem, sci, showError, svg, svgPoint } from './lib/kit.js';

function paramName(check, index) {
  for (const m of check.matrices) {
    const local = index - m.offset;
    if (local >= 0 && local < m.rows * m.cols) return `${m.name}[${Math.floor(local / m.cols)}][${local % m.cols}]`;
  }
  return String(index);
}

export default async function gradcheckScatter(element) {
  const nameInput = el('input', { type: 'text', maxlength: 16, class: 'gc-name', 'aria-label': 'name', autocomplete: 'off', spellcheck: 'false' });
  const message = el('p', { class: 'gc-message', role: 'status' });
  const result = el('p', { class: 'gc-result', 'aria-live': 'polite' });
  const readout = el('p', { class: 'gc-readout', 'aria-live': 'polite' });
  const chartBox = el('div', { class: 'gc-chart' });
  let check = null;
  let selected = 0;

  function draw() {
    const n = check.numerical;
    const a = check.analytic;
    const extent = Math.max(1e-12, ...n.map(Math.abs), ...a.map(Math.abs)) * 1.05;
    const frame = chartFrame({ width: 520, height: 380, x: [-extent, extent], y: [-extent, extent],
      xLabel: 'numerical gradient', yLabel: 'analytic gradient', ticks: 4,
      xFormat: (v) => fmt(v, 3), yFormat: (v) => fmt(v, 3) });
    const { root, sx, sy } = frame;
    // The last tick label ("0.016") is centred on the right edge of the plot, and half of it fell
    // outside the frame's viewBox: widen the box on the right by the width of a label.
    root.setAttribute('viewBox', `0 0 ${frame.width + 28} ${frame.height}`);
    root.setAttribute('tabindex', 0);
    root.setAttribute('aria-label', `Scatter of ${n.length} parameters, numerical against analytic gradient. `
      + 'Arrow keys move from parameter to parameter.');
    root.append(svg('line', { class: 'gc-diagonal', x1: sx(-extent), y1: sy(-extent), x2: sx(extent), y2: sy(extent) }));
    const dots = svg('g', { class: 'gc-dots' });
    const positions = n.map((x, i) => [sx(x), sy(a[i])]);
    positions.forEach(([x, y]) => dots.append(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.5 })));
    const ring = svg('circle', { class: 'gc-selected', r: 6, cx: positions[0][0], cy: positions[0][1] });
    root.append(dots, ring);

    function select(i) {
      selected = i;
      ring.setAttribute('cx', positions[i][0]);
      ring.setAttribute('cy', positions[i][1]);
      readout.textContent = `${paramName(check, i)} (parameter ${i}): numerical ${sci(n[i], 6)}, analytic ${sci(a[i], 6)}, `
        + `difference ${sci(Math.abs(n[i] - a[i]), 3)}`;
    }
    const nearest = (event) => {
      const [px, py] = svgPoint(root, event);
      let best = 0;
      let bestDistance = Infinity;
      positions.forEach(([x, y], i) => {
        const d = (x - px) ** 2 + (y - py) ** 2;
        if (d < bestDistance) { bestDistance = d; best = i; }
      });
      select(best);
    };
    root.addEventListener('pointermove', nearest);
    root.addEventListener('pointerdown', nearest);
    root.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 100, PageDown: -100 }[event.key];
      if (event.key === 'Home' || event.key === 'End' || step) {
        event.preventDefault();
        event.stopPropagation();
        const i = event.key === 'Home' ? 0 : event.key === 'End' ? n.length - 1 : (selected + step + n.length) % n.length;
        select(i);
      }
    });
    select(check.maxIndex);
    chartBox.replaceChildren(root);
    const zero = n.filter((g, i) => g === 0 && a[i] === 0).length;
    result.replaceChildren(`On "${check.name}", ${n.length.toLocaleString('en-US')} parameters: the largest difference between the two gradients is `,
      el('strong', { class: 'gc-max' }, sci(check.maxDifference, 3)),
      `, at ${paramName(check, check.maxIndex)}. ${zero.toLocaleString('en-US')} parameters have a zero gradient both ways `
      + `(rows of tokens that are not in the name), all at the centre. Loss ${fmt(check.loss, 4)}.`);
  }

  async function load(name) {
    check = await api('step1/gradcheck', name ? { name } : {});
    nameInput.value = check.name;
    message.textContent = '';
    draw();
  }

  const form = el('form', { class: 'gc-form', onsubmit: (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    const problem = nameProblem(name, check.vocabulary);
    if (problem) { message.textContent = problem; return; }
    load(name).catch((error) => { message.textContent = error.message; });
  } }, el('label', {}, 'Name ', nameInput), el('button', { type: 'submit' }, 'Check'));

  try {
    await load('');
  } catch (e) {
    showError(element, e);
    return;
  }
  const downloads = chartDownloads(() => 'gradcheck-' + check.name, () => chartBox.querySelector('svg'),
    () => [['parameter', 'name', 'numerical', 'analytic', 'difference'],
      ...check.numerical.map((g, i) => [i, paramName(check, i), g, check.analytic[i], Math.abs(g - check.analytic[i])])]);
  element.replaceChildren(el('div', { class: 'w12 gradcheck-scatter' }, form, message, result, chartBox, readout, downloads));
}
