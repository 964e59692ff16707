// 1.9 Training: replay the seeded run's 1000 steps. Each step learns from one name; its loss is a
// thin line, the mean of the last 100 steps a thick one, and the dashed line is random guessing.
// Play, pause, or drag the step slider. With reduced motion the replay jumps 100 steps at a time.
import { chartDownloads, chartFrame, el, fmt, pathOf, reducedMotion, showError, svg } from './lib/kit.js';
import { getJson } from './lib/guide-api.js';

function runningMean(values, window) {
  const out = [];
  let sum = 0;
  values.forEach((v, i) => {
    sum += v;
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  });
  return out;
}

export default async function trainingReplay(element, options) {
  const step = options.step || '1';
  let run;
  try {
    run = await getJson(`api/runs/step${step}.json`);   // the losses, and the name each step trained on
  } catch (e) {
    showError(element, e);
    return;
  }
  // The run's own training names: without them the replay would lose the very name its
  // instruction asks the reader to pause on.
  const stepNames = run.trainingNames || null;
  const losses = run.losses;
  const mean = runningMean(losses, 100);
  const baseline = Math.log(run.vocabSize);
  const frame = chartFrame({ width: 560, height: 300, x: [0, losses.length], y: [0, Math.ceil(Math.max(...losses))],
    xLabel: 'training step', yLabel: 'loss', xFormat: (v) => String(Math.round(v)), yFormat: (v) => fmt(v, 1) });
  const { root, sx, sy } = frame;
  // The last x label ("1000") is centred on the plot's right edge: widen the box so it is not clipped.
  root.setAttribute('viewBox', `0 0 ${frame.width + 20} ${frame.height}`);
  root.setAttribute('aria-label', `Loss of each of the ${losses.length} training steps of Step ${step}`);
  const raw = svg('path', { class: 'tr-raw' });
  const smooth = svg('path', { class: 'tr-mean' });
  const marker = svg('circle', { class: 'tr-marker', r: 4 });
  root.append(svg('line', { class: 'baseline', x1: sx(0), x2: sx(losses.length), y1: sy(baseline), y2: sy(baseline) }),
    svg('text', { class: 'baseline-label', x: sx(losses.length) - 4, y: sy(baseline) - 5, 'text-anchor': 'end',
      text: `random guessing ${fmt(baseline, 2)}` }), raw, smooth, marker);

  const scrub = el('input', { type: 'range', min: 1, max: losses.length, step: 1, value: losses.length, class: 'tr-scrub',
    'aria-label': 'training step' });
  const play = el('button', { type: 'button', class: 'tr-play' }, 'Play');
  const readout = el('p', { class: 'tr-readout', 'aria-live': 'polite' });
  let shown = losses.length;
  let timer = null;

  function render() {
    const points = losses.slice(0, shown);
    raw.setAttribute('d', pathOf(points.map((l, i) => [sx(i + 1), sy(l)])));
    smooth.setAttribute('d', pathOf(mean.slice(0, shown).map((l, i) => [sx(i + 1), sy(l)])));
    marker.setAttribute('cx', sx(shown));
    marker.setAttribute('cy', sy(losses[shown - 1]));
    scrub.value = shown;
    const name = stepNames ? `the name "${stepNames[shown - 1]}", ` : '';
    readout.textContent = `Step ${shown} of ${losses.length}: ${name}loss ${fmt(losses[shown - 1], 4)}; `
      + `mean of the last ${Math.min(shown, 100)} steps ${fmt(mean[shown - 1], 4)}.`;
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = 'Play';
  }
  function start() {
    if (shown >= losses.length) shown = 1;
    play.textContent = 'Pause';
    const jump = reducedMotion() ? 100 : 5;
    timer = setInterval(() => {
      shown = Math.min(losses.length, shown + jump);
      render();
      if (shown >= losses.length) stop();
    }, reducedMotion() ? 400 : 16);
  }
  play.addEventListener('click', () => (timer === null ? start() : stop()));
  scrub.addEventListener('input', () => { stop(); shown = Number(scrub.value); render(); });

  render();
  element.replaceChildren(el('div', { class: 'w12 training-replay' }, root,
    el('div', { class: 'widget-buttons' }, play, el('label', { class: 'tr-scrub-label' }, 'Step ', scrub)), readout,
    el('p', { class: 'tr-summary' }, `First loss ${fmt(losses[0], 4)}, last step's loss ${fmt(losses[losses.length - 1], 4)}, `
      + `final loss (the mean of the last 100 steps) ${fmt(mean[mean.length - 1], 4)}; random guessing scores ${fmt(baseline, 4)}.`),
    chartDownloads(() => 'training-step' + step, () => root,
      () => [['step', 'loss', 'mean_of_last_100'], ...losses.map((l, i) => [i + 1, l, mean[i]])])));
}
