// 1.6 Numerical gradient: the loss on "yuheng" as one weight moves (every other weight stays where
// initialisation put it). Pick a point θ on the curve, then choose ε: the secant through θ and
// θ + ε has slope (L(θ + ε) − L(θ)) / ε; the tangent has the analytic gradient's slope.
import { api, chartDownloads, chartFrame, debounce, el, fmt, pathOf, sci, showError, svg, svgPoint } from './lib/kit.js';

const PARAMS = [
  ['wte[6][6]', 'wte[6][6], in the embedding of g'],
  ['wte[24][12]', 'wte[24][12], in the embedding of y'],
  ['wte[26][0]', 'wte[26][0], in the embedding of BOS'],
  ['mlp_fc1[0][0]', 'mlp_fc1[0][0], a hidden-layer weight'],
  ['mlp_fc2[6][54]', 'mlp_fc2[6][54], a read-out weight'],
];
const LINE_HALF_WIDTH = 0.35;   // how far either side of θ the secant and tangent are drawn

export default async function numericalSlope(element) {
  const id = Math.random().toString(36).slice(2, 7);
  const paramSelect = el('select', { id: `ns-param-${id}`, class: 'ns-param' }, PARAMS.map(([v, t]) => el('option', { value: v, text: t })));
  const thetaSlider = el('input', { type: 'range', id: `ns-theta-${id}`, class: 'ns-theta', min: -1, max: 1, step: 0.025, value: 0 });
  const epsSlider = el('input', { type: 'range', id: `ns-eps-${id}`, class: 'ns-eps', min: -12, max: -1, step: 0.5, value: -2 });
  const thetaText = el('output', { for: thetaSlider.id, class: 'ns-theta-value' });
  const epsText = el('output', { for: epsSlider.id, class: 'ns-eps-value' });
  const chartBox = el('div', { class: 'ns-chart' });
  const table = el('table', { class: 'ns-table', 'aria-live': 'polite' });
  const message = el('p', { class: 'ns-message', role: 'status' });
  let latest = 0;
  let answer = null;

  const epsilon = () => Number((10 ** Number(epsSlider.value)).toPrecision(3));

  async function load() {
    const ask = ++latest;
    const params = { param: paramSelect.value, epsilon: epsilon() };
    if (answer && answer.param === paramSelect.value) params.at = answer.ownValue + Number(thetaSlider.value);
    epsText.textContent = 'ε = ' + sci(epsilon(), 1);
    const result = await api('step1/slope', params);
    if (ask !== latest) return;
    answer = result;
    message.textContent = '';
    draw();
  }
  const reload = debounce(() => load().catch((e) => { message.textContent = e.message; }), 60);

  function draw() {
    const a = answer;
    const losses = a.curve.map((p) => p.loss);
    const low = Math.min(...losses);
    const high = Math.max(...losses);
    const pad = (high - low) * 0.15 || 1e-3;
    const x0 = a.curve[0].value;
    const x1 = a.curve[a.curve.length - 1].value;
    const frame = chartFrame({ width: 560, height: 320, x: [x0, x1], y: [low - pad, high + pad],
      xLabel: `value of ${a.param}`, yLabel: 'loss', yFormat: (v) => fmt(v, 4) });
    const { root, sx, sy } = frame;
    root.setAttribute('viewBox', `0 0 ${frame.width + 24} ${frame.height}`);   // room for the last x label, centred on the edge
    const clipId = `ns-clip-${id}`;
    root.append(svg('clipPath', { id: clipId }, svg('rect', { x: frame.margin.left, y: frame.margin.top,
      width: frame.width - frame.margin.left - frame.margin.right, height: frame.height - frame.margin.top - frame.margin.bottom })));
    const lines = svg('g', { 'clip-path': `url(#${clipId})` });
    lines.append(svg('path', { class: 'ns-curve', d: pathOf(a.curve.map((p) => [sx(p.value), sy(p.loss)])) }));
    const line = (slope, cls) => svg('line', { class: cls,
      x1: sx(a.value - LINE_HALF_WIDTH), y1: sy(a.loss - slope * LINE_HALF_WIDTH),
      x2: sx(a.value + LINE_HALF_WIDTH), y2: sy(a.loss + slope * LINE_HALF_WIDTH) });
    lines.append(line(a.analyticGradient, 'ns-tangent'), line(a.numericalSlope, 'ns-secant'));
    lines.append(svg('circle', { class: 'ns-nudged', cx: sx(a.value + a.epsilon), cy: sy(a.nudgedLoss), r: 4 }));
    const point = svg('circle', { class: 'ns-point', cx: sx(a.value), cy: sy(a.loss), r: 7 });
    lines.append(point);
    root.append(lines);
    root.setAttribute('aria-label', `The loss against ${a.param}: drag along the curve to pick θ.`);
    let dragging = false;
    const moveTo = (event) => {
      const [px] = svgPoint(root, event);
      const offset = Math.max(-1, Math.min(1, sx.invert(px) - a.ownValue));
      thetaSlider.value = String(Math.round(offset / 0.025) * 0.025);
      thetaText.textContent = 'θ = ' + fmt(a.ownValue + Number(thetaSlider.value), 3);
      reload();
    };
    root.addEventListener('pointerdown', (event) => { dragging = true; root.setPointerCapture(event.pointerId); moveTo(event); });
    root.addEventListener('pointermove', (event) => { if (dragging) moveTo(event); });
    root.addEventListener('pointerup', () => { dragging = false; });
    root.addEventListener('pointercancel', () => { dragging = false; });
    chartBox.replaceChildren(root,
      el('p', { class: 'ns-legend' }, el('span', { class: 'ns-key ns-key-secant', 'aria-hidden': 'true' }), ' secant over ε   ',
        el('span', { class: 'ns-key ns-key-tangent', 'aria-hidden': 'true' }), ' tangent (analytic gradient)'));
    thetaText.textContent = 'θ = ' + fmt(a.value, 3);
    const error = Math.abs(a.numericalSlope - a.analyticGradient);
    table.replaceChildren(
      el('caption', {}, `At θ = ${fmt(a.value, 4)} with ε = ${sci(a.epsilon, 1)}, on "${a.name}"`),
      el('tbody', {},
        el('tr', {}, el('th', { scope: 'row' }, 'L(θ)'), el('td', { class: 'ns-loss' }, a.loss.toPrecision(17))),
        el('tr', {}, el('th', { scope: 'row' }, 'L(θ + ε)'), el('td', {}, a.nudgedLoss.toPrecision(17))),
        el('tr', {}, el('th', { scope: 'row' }, 'secant slope (L(θ + ε) − L(θ)) / ε'), el('td', { class: 'ns-numerical' }, sci(a.numericalSlope, 6))),
        el('tr', {}, el('th', { scope: 'row' }, 'analytic gradient'), el('td', { class: 'ns-analytic' }, sci(a.analyticGradient, 6))),
        el('tr', {}, el('th', { scope: 'row' }, 'difference'), el('td', { class: 'ns-error' }, sci(error, 2)))));
  }

  paramSelect.addEventListener('change', () => { answer = null; thetaSlider.value = '0'; reload(); });
  thetaSlider.addEventListener('input', () => { thetaText.textContent = answer ? 'θ = ' + fmt(answer.ownValue + Number(thetaSlider.value), 3) : ''; reload(); });
  epsSlider.addEventListener('input', () => { epsText.textContent = 'ε = ' + sci(epsilon(), 1); reload(); });

  try {
    await load();
  } catch (e) {
    showError(element, e);
    return;
  }
  element.replaceChildren(el('div', { class: 'w12 numerical-slope' },
    el('div', { class: 'ns-controls' },
      el('label', { for: paramSelect.id }, 'Parameter '), paramSelect,
      el('label', { for: thetaSlider.id }, 'Point θ '), thetaSlider, thetaText,
      el('label', { for: epsSlider.id }, 'Nudge ε (10⁻¹² to 10⁻¹) '), epsSlider, epsText),
    message, chartBox, table,
    chartDownloads(() => 'slope-' + answer.param.replace(/[^a-z0-9_]+/gi, '-'), () => chartBox.querySelector('svg'),
      () => [['value', 'loss'], ...answer.curve.map((p) => [p.value, p.loss])])));
}
