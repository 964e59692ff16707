// 5.2 Momentum: a noisy gradient and its moving average m_t = β·m_{t−1} + (1 − β)·g_t, with and
// without Adam's bias correction m_t / (1 − β^t). The noise series is made here in the page from a
// fixed seed (it is an illustration, not the engine's gradients); the formulas are Adam's.
import { el, svg, fmt, chartDownloads, chartFrame, pathOf, svgPoint } from './lib/kit.js';

const STEPS = 100;

/** mulberry32: a tiny seeded generator, so every reader sees the same noise. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The gradient series: a true value that changes halfway (1, then −0.5) plus uniform noise in ±1.5. */
export function gradients(seed = 42) {
  const random = seeded(seed);
  return Array.from({ length: STEPS }, (_, i) => (i < STEPS / 2 ? 1 : -0.5) + (random() * 2 - 1) * 1.5);
}

/** m_t for t = 1 … n, and the bias-corrected m_t / (1 − β^t). */
export function movingAverage(g, beta) {
  let m = 0;
  const raw = [], corrected = [];
  g.forEach((x, i) => {
    m = beta * m + (1 - beta) * x;
    raw.push(m);
    corrected.push(m / (1 - Math.pow(beta, i + 1)));
  });
  return { raw, corrected };
}

/** The slider starts where microgpt's Adam is: Step5Adam.BETA1, the β1 that 5.2 and 5.3 teach. */
export const BETA1 = 0.85;

export default function momentum(element) {
  const g = gradients();
  const slider = el('input', { type: 'range', min: 0, max: 0.99, step: 0.01, value: BETA1, class: 'mo-beta', 'aria-label': 'β' });
  const betaText = el('span', { class: 'mo-beta-value' }, BETA1.toFixed(2));
  const correction = el('input', { type: 'checkbox', class: 'mo-correct', checked: true });
  const chart = el('div', { class: 'mo-chart' });
  const readout = el('p', { class: 'mo-readout', 'aria-live': 'polite' });
  const legend = el('p', { class: 'mo-legend' }, el('span', { class: 'mo-key mo-key-g' }, 'noisy gradient g'), ' ',
    el('span', { class: 'mo-key mo-key-m' }, 'moving average m'), ' ',
    el('span', { class: 'mo-key mo-key-c' }, 'bias-corrected m / (1 − βᵗ)'));
  let at = 0;
  let current = null;

  function draw() {
    const beta = Number(slider.value);
    betaText.textContent = beta.toFixed(2);
    current = movingAverage(g, beta);
    const f = chartFrame({ width: 560, height: 260, x: [1, STEPS], y: [-3, 3], xLabel: 'step t', yLabel: 'gradient',
      xFormat: (v) => String(Math.round(v)), yFormat: (v) => fmt(v, 1) });
    f.root.setAttribute('viewBox', `0 0 ${f.width + 20} ${f.height}`);   // room for the last x label, centred on the edge
    f.root.dataset.frameWidth = f.width;
    const line = (values, cls) => svg('path', { class: cls, d: pathOf(values.map((v, i) => [f.sx(i + 1), f.sy(v)])) });
    f.root.append(line(g, 'mo-g'), line(current.raw, 'mo-m'));
    if (correction.checked) f.root.append(line(current.corrected, 'mo-c'));
    const marker = svg('line', { class: 'mo-marker', x1: f.sx(at + 1), x2: f.sx(at + 1), y1: f.margin.top, y2: f.height - f.margin.bottom });
    f.root.append(marker);
    f.root.setAttribute('aria-label', `Noisy gradient and its moving average with β = ${beta.toFixed(2)}`);
    f.root.setAttribute('tabindex', 0);
    f.root.addEventListener('pointermove', (e) => { const [x] = svgPoint(f.root, e); point(Math.round(f.sx.invert(x)) - 1); });
    f.root.addEventListener('keydown', (e) => {
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: STEPS - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      point(to);
    });
    chart.replaceChildren(f.root);
    point(at);
  }

  function point(i) {
    at = Math.max(0, Math.min(STEPS - 1, i));
    const marker = chart.querySelector('.mo-marker');
    if (marker) {
      const x = Number(marker.ownerSVGElement.dataset.frameWidth);   // re-place the marker without redrawing
      const step = (x - 56 - 14) / (STEPS - 1);
      marker.setAttribute('x1', 56 + at * step);
      marker.setAttribute('x2', 56 + at * step);
    }
    readout.textContent = `Step ${at + 1}: g = ${fmt(g[at], 3)}, m = ${fmt(current.raw[at], 3)}`
      + (correction.checked ? `, corrected ${fmt(current.corrected[at], 3)}` : '') + '. (← → move along the steps.)';
  }

  slider.addEventListener('input', draw);
  correction.addEventListener('change', draw);
  element.replaceChildren(el('div', { class: 'w345 momentum' },
    el('div', { class: 'mo-controls' }, el('label', {}, 'β ', slider, betaText),
      el('label', {}, correction, ' show bias correction')),
    chart, legend, readout,
    chartDownloads(() => 'momentum-beta-' + Number(slider.value).toFixed(2), () => chart.querySelector('svg'),
      () => [['step', 'g', 'm', 'm_corrected'], ...g.map((v, i) => [i + 1, v, current.raw[i], current.corrected[i]])]),
    el('p', { class: 'w345-source' }, 'Illustration computed in your browser from a seeded noise series (not the engine\'s '
      + 'gradients): the true gradient is 1 for 50 steps, then −0.5; the formulas are those of Step 5\'s Adam.')));
  draw();
}
