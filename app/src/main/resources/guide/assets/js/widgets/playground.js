// The Playground: a form of training settings, a Train and a Stop button, and one loss chart in
// which every run of this visit overlays the others; after a run, its names, "Sample again" and,
// for a transformer, its attention. The Java engine trains in this browser, in a Web Worker
// (guide-api.js trainInBrowser), whether the guide is served or exported; this module only draws
// the events it sends. See docs/PLAYGROUND.md.
import { askEngine, el, throttleFrame, fixed, uid, prepareEngine, trainInBrowser } from './lib/guide-api.js';
import { lossChart, STEP_COLOURS } from './loss-chart.js';
import attentionExplorer from './attention-explorer.js';

const TITLES = ['Counting', 'Gradient Descent', 'Autograd', 'Attention', 'Transformer', 'Adam'];
const LEARNING_RATES = [null, 1.0, 1.0, 0.1, 0.1, 0.01];

/** The fields, in the order of the form; name is the query parameter. */
const FIELDS = [
  { name: 'seed', label: 'Seed', min: 0, max: 2 ** 31, step: 1, value: () => 42 },
  { name: 'steps', label: 'Training steps', min: 1, max: 100000, step: 1, value: () => 1000 },
  { name: 'learning_rate', label: 'Learning rate', min: 0.0001, max: 100, step: 'any', value: (s) => LEARNING_RATES[s], from: 1 },
  { name: 'optimizer', label: 'Optimizer', choices: ['sgd', 'adam'], value: (s) => (s === 5 ? 'adam' : 'sgd'), from: 3 },
  { name: 'n_embd', label: 'n_embd (width)', min: 1, max: 512, step: 1, value: () => 16, from: 3 },
  { name: 'n_head', label: 'n_head (heads)', min: 1, max: 64, step: 1, value: (s) => (s === 3 ? 1 : 4), from: 4 },
  { name: 'n_layer', label: 'n_layer (layers)', min: 1, max: 16, step: 1, value: () => 1, from: 4 },
  { name: 'block_size', label: 'block_size (context)', min: 1, max: 256, step: 1, value: () => 16, from: 3 },
  { name: 'temperature', label: 'Temperature', min: 0.01, max: 100, step: 'any', value: (s) => (s === 0 ? 1.0 : 0.5) },
];

export default async function mount(element) {
  const id = uid('playground');
  const runs = [];        // {id, label, colour, losses, state, samples}
  let active = null;      // the run training now: {run, handle}
  let chart = null;

  // ---- the form -------------------------------------------------------------------------
  const stepSelect = el('select', { id: id + '-step', name: 'step' },
    TITLES.map((title, s) => el('option', { value: String(s), text: 'Step ' + s + ': ' + title })));
  const inputs = {};
  const rows = FIELDS.map((f) => {
    const input = f.choices
      ? el('select', { id: id + '-' + f.name, name: f.name }, f.choices.map((c) => el('option', { value: c, text: c })))
      : el('input', { id: id + '-' + f.name, name: f.name, type: 'number', min: String(f.min), max: String(f.max), step: String(f.step), required: true });
    inputs[f.name] = input;
    return el('div', { className: 'playground-field' }, el('label', { htmlFor: input.id, text: f.label }), input);
  });
  const train = el('button', { type: 'submit', className: 'playground-train', text: 'Train' });
  const stop = el('button', { type: 'button', className: 'playground-stop', text: 'Stop', disabled: true, onclick: () => stopRun() });
  const clear = el('button', { type: 'button', className: 'playground-clear', text: 'Clear runs', onclick: () => clearRuns() });
  const form = el('form', { className: 'playground-form', onsubmit: (event) => { event.preventDefault(); startRun(); } },
    el('div', { className: 'playground-field' }, el('label', { htmlFor: stepSelect.id, text: 'Step' }), stepSelect),
    rows,
    el('div', { className: 'playground-buttons' }, train, stop, clear));
  const status = el('p', { className: 'playground-status', role: 'status', 'aria-live': 'polite', text: 'Choose the settings and press Train.' });
  const chartBox = el('div', { className: 'playground-chart' });
  const runList = el('ol', { className: 'playground-runs', 'aria-label': 'Runs' });
  const explorerBox = el('section', { className: 'playground-explorer', 'aria-label': 'Attention of a run', hidden: true });
  element.replaceChildren(el('div', { className: 'playground' }, form, status, chartBox, runList, explorerBox));
  prepareEngine();   // every run trains in this browser: have the engine ready by the first click

  /** Fills the defaults of a step, then enables only the fields that step has. */
  function applyStep(step, keepValues) {
    for (const f of FIELDS) {
      const input = inputs[f.name];
      const applies = f.from === undefined || step >= f.from;
      input.disabled = !applies;
      input.closest('.playground-field').classList.toggle('is-off', !applies);
      if (!keepValues || input.value === '') input.value = f.value(step) ?? '';
      if (!applies) input.value = f.value(step) ?? '';
    }
  }

  /** The settings the server gets and the address shows: only the fields this step has. */
  function query() {
    const params = new URLSearchParams({ step: stepSelect.value });
    for (const f of FIELDS) {
      if (!inputs[f.name].disabled && inputs[f.name].value !== '') params.set(f.name, inputs[f.name].value);
    }
    return params;
  }

  function showInAddress() {
    history.replaceState(null, '', location.pathname + '?' + query().toString() + location.hash);
  }

  // Loading an address with settings fills the form with them.
  const shared = new URLSearchParams(location.search);
  const sharedStep = Number(shared.get('step'));
  stepSelect.value = Number.isInteger(sharedStep) && sharedStep >= 0 && sharedStep <= 5 ? String(sharedStep) : '5';
  applyStep(Number(stepSelect.value), false);
  for (const f of FIELDS) if (shared.has(f.name) && !inputs[f.name].disabled) inputs[f.name].value = shared.get(f.name);
  stepSelect.addEventListener('change', () => { applyStep(Number(stepSelect.value), false); showInAddress(); });
  form.addEventListener('change', () => showInAddress());

  // ---- the chart ------------------------------------------------------------------------
  const series = () => runs.map((r) => ({ label: r.label, losses: r.losses, colour: r.colour }));
  const redraw = throttleFrame(() => { if (chart) chart.update(series()); });

  // A new run is a new series: uPlot fixes its series when it is made, so the chart is remade
  // (batches of an existing run only update it). Until the new chart exists, redraw waits.
  let building = Promise.resolve();
  function rebuildChart() {
    building = building.then(async () => {
      if (chart) chart.destroy();
      chart = null;
      if (runs.length === 0) { chartBox.replaceChildren(); return; }
      const made = await lossChart(chartBox, series(), { vocabSize: 27, name: 'playground', smooth: false });
      made.update(series());
      chart = made;
    });
  }

  function describe(settings) {
    const parts = ['step ' + settings.step, 'seed ' + settings.seed, settings.steps + ' steps'];
    if (settings.learning_rate !== undefined) parts.push('lr ' + settings.learning_rate);
    if (settings.optimizer) parts.push(settings.optimizer, settings.n_embd + '×' + settings.n_head + 'h×' + settings.n_layer + 'L, block ' + settings.block_size);
    parts.push('T ' + settings.temperature);
    return parts.join(', ');
  }

  // ---- a run ----------------------------------------------------------------------------
  async function startRun() {
    if (active) return;
    if (!form.reportValidity()) return;
    showInAddress();
    const params = Object.fromEntries(query());
    train.disabled = true;
    stop.disabled = false;
    status.textContent = 'Starting the engine in your browser…';
    active = { run: null, handle: null };
    active.handle = trainInBrowser(params, onEvent);
    try {
      await active.handle.finished;
    } catch (error) {
      status.textContent = 'Cannot train: ' + error.message;
    } finally {
      active = null;
      train.disabled = false;
      stop.disabled = true;
    }
  }

  function onEvent(data) {
    if (data.event === 'start') {
      const number = runs.length + 1;
      const run = {
        id: data.id, number, losses: [], state: 'running', samples: [], settings: data.settings,
        label: 'Run ' + number + ' (' + describe(data.settings) + ')',
        colour: STEP_COLOURS[(number - 1) % STEP_COLOURS.length],
        item: el('li', { className: 'playground-run', dataset: { run: data.id, points: '0', state: 'running' } }),
      };
      run.item.append(el('p', { className: 'playground-run-label', text: run.label + ', ' + data.numParams.toLocaleString('en')
        + ' parameters, ' + data.settings.engine + ' engine, about ' + Math.ceil(data.memoryBytes / 2 ** 20) + ' MB' }));
      runList.append(run.item);
      runs.push(run);
      active.run = run;
      rebuildChart();
      status.textContent = 'Run ' + number + ' is training in your browser…';
    } else if (data.event === 'loss') {
      const run = active.run;
      for (const loss of data.losses) run.losses.push(loss);
      run.item.dataset.points = String(run.losses.length);
      const last = run.losses[run.losses.length - 1];
      status.textContent = 'Run ' + run.number + ': step ' + run.losses.length + ', loss ' + (last === null ? 'not a number' : fixed(last, 4));
      redraw();
    } else if (data.event === 'done') {
      finish(active.run, data);
    }
  }

  function finish(run, done) {
    if (run.state !== 'running') return;
    run.state = done.stopped ? 'stopped' : 'done';
    run.item.dataset.state = run.state;
    redraw();
    const how = done.stopped === 'stopped' ? 'stopped after ' + done.steps + ' steps'
      : done.stopped ? 'ended (' + done.stopped + ') after ' + done.steps + ' steps'
        : 'finished ' + done.steps + ' steps';
    const final = done.averageLoss == null ? '' : ', loss ' + fixed(done.averageLoss, 4)
      + ' (the mean of the last ' + Math.min(100, done.steps) + ' steps; the last step: ' + (done.lastLoss == null ? 'not a number' : fixed(done.lastLoss, 4)) + ')';
    const time = done.trainMillis == null ? '' : ' in ' + (done.trainMillis / 1000).toFixed(1) + ' s';
    const cut = done.samplesStopped ? ' Sampling ended early (' + done.samplesStopped + ') after ' + done.samples.length
      + (done.samples.length === 1 ? ' name.' : ' names.') : '';
    status.textContent = 'Run ' + run.number + ' ' + how + final + time + '.' + cut + (done.error ? ' ' + done.error + '.' : '');
    if (done.samples && done.samples.length) {
      const list = el('ul', { className: 'playground-samples', dataset: { seed: 'run' } }, names(done.samples));
      let seed = 0;
      const again = el('button', { type: 'button', className: 'playground-sample-again', text: 'Sample again', onclick: async () => {
        seed += 1;
        try {
          const answer = await askEngine('train/sample', { id: run.id, seed, count: done.samples.length });
          list.replaceChildren(...names(answer.samples));
          list.dataset.seed = String(seed);
          status.textContent = 'Run ' + run.number + ': ' + answer.samples.length + ' new names (seed ' + seed + ')'
            + (answer.samplesStopped ? ', cut short by the ' + answer.samplesStopped : '') + '.';
        } catch (error) {
          status.textContent = 'Cannot sample run ' + run.number + ' again: ' + error.message;
        }
      } });
      run.item.append(el('p', { className: 'playground-samples-label', text: 'Names it writes:' }), list, again);
    }
    if (done.hasAttention) {
      // The run's model lives in this page's engine: its heads open below the runs, in the explorer of page 5.4.
      run.item.append(el('button', { type: 'button', className: 'playground-explore', text: 'Explore its attention',
        onclick: () => explore(run) }));
    }
  }

  function names(samples) {
    return samples.map((name) => el('li', { text: name === '' ? '(empty)' : name }));
  }

  async function explore(run) {
    explorerBox.hidden = false;
    explorerBox.replaceChildren(el('h3', { text: 'Where the heads of run ' + run.number + ' look' }), el('div', {}));
    await attentionExplorer(explorerBox.lastChild, { run: run.id, runLabel: describe(run.settings) });
    explorerBox.scrollIntoView({ block: 'nearest' });
  }

  function stopRun() {
    if (!active) return;
    stop.disabled = true;
    status.textContent = 'Stopping…';
    active.handle.stop();
  }

  function clearRuns() {
    if (active) return;
    runs.length = 0;
    runList.replaceChildren();
    rebuildChart();
    status.textContent = 'Runs cleared. Choose the settings and press Train.';
  }
}
