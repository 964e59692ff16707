// The Playground: a form of training settings, a Train and a Stop button, and one loss chart in
// which every run of this visit overlays the others; after a run, its names and "Sample again". The server trains (GET api/train/stream,
// server-sent events) and this module only draws what arrives; see docs/PLAYGROUND.md.
//
// The stream is read with fetch() rather than EventSource: fetch sees the 400 and 429 answers
// (and their JSON messages), and it must send Accept: text/event-stream, which Javalin requires.
import { el, getJson, liveApi, note, siteRoot, throttleFrame, fixed, uid } from './lib/guide-api.js';
import { lossChart, STEP_COLOURS } from './loss-chart.js';

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
  if (!(await liveApi())) {
    note(element, 'The playground trains on the server: run microgpt serve and open /playground/ there.');
    return;
  }
  const id = uid('playground');
  const runs = [];        // {id, label, colour, losses, state, samples}
  let active = null;      // the run being streamed: {run, abort}
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
  element.replaceChildren(el('div', { className: 'playground' }, form, status, chartBox, runList));

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
    const abort = new AbortController();
    const params = query();
    active = { run: null, abort };
    train.disabled = true;
    stop.disabled = false;
    status.textContent = 'Asking the server to train…';
    try {
      const response = await fetch(new URL('api/train/stream?' + params, siteRoot),
        { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
      if (!response.ok) {
        let message = 'the server answered HTTP ' + response.status;
        try { message = (await response.json()).error || message; } catch (e) { /* keep the status */ }
        status.textContent = (response.status === 429 ? 'Busy: ' : 'Cannot train: ') + message;
        return;
      }
      await readEvents(response.body, onEvent);
    } catch (error) {
      if (error.name !== 'AbortError') status.textContent = 'The run ended unexpectedly: ' + error.message;
      else if (active && active.run) finish(active.run, { stopped: 'stopped', samples: [], steps: active.run.losses.length });
    } finally {
      active = null;
      train.disabled = false;
      stop.disabled = true;
    }
  }

  function onEvent(name, data) {
    if (name === 'start') {
      const number = runs.length + 1;
      const run = {
        id: data.id, number, losses: [], state: 'running', samples: [],
        label: 'Run ' + number + ' (' + describe(data.settings) + ')',
        colour: STEP_COLOURS[(number - 1) % STEP_COLOURS.length],
        item: el('li', { className: 'playground-run', dataset: { run: data.id, points: '0', state: 'running' } }),
      };
      run.item.append(el('p', { className: 'playground-run-label', text: run.label + ', ' + data.numParams.toLocaleString('en') + ' parameters, ' + data.settings.engine + ' engine' }));
      runList.append(run.item);
      runs.push(run);
      active.run = run;
      rebuildChart();
      status.textContent = 'Run ' + number + ' is training…';
    } else if (name === 'loss') {
      const run = active.run;
      for (const loss of data.losses) run.losses.push(loss);
      run.item.dataset.points = String(run.losses.length);
      status.textContent = 'Run ' + run.number + ': step ' + run.losses.length + ', loss ' + fixed(run.losses[run.losses.length - 1], 4);
      redraw();
    } else if (name === 'done') {
      finish(active.run, data);
    } else if (name === 'failed') {
      status.textContent = 'The training failed: ' + data.error;
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
    const final = done.finalLoss == null ? '' : ', final loss ' + fixed(done.finalLoss, 4);
    const time = done.trainMillis == null ? '' : ' in ' + (done.trainMillis / 1000).toFixed(1) + ' s';
    const cut = done.samplesStopped ? ' Sampling ended early (' + done.samplesStopped + ') after ' + done.samples.length
      + (done.samples.length === 1 ? ' name.' : ' names.') : '';
    status.textContent = 'Run ' + run.number + ' ' + how + final + time + '.' + cut;
    if (done.samples && done.samples.length) {
      const list = el('ul', { className: 'playground-samples', dataset: { seed: 'run' } }, names(done.samples));
      let seed = 0;
      const again = el('button', { type: 'button', className: 'playground-sample-again', text: 'Sample again', onclick: async () => {
        seed += 1;
        try {
          const answer = await getJson('api/train/sample', { id: run.id, seed, count: done.samples.length });
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
      // The explorer on page 5.4 opens this run's heads; a new tab keeps this page's runs.
      const href = new URL('step/5/4/?run=' + encodeURIComponent(run.id) + '#where-the-heads-look', siteRoot);
      run.item.append(el('a', { className: 'playground-explore', href: href.href, target: '_blank', rel: 'noopener',
        text: 'Explore its attention' }));
    }
  }

  function names(samples) {
    return samples.map((name) => el('li', { text: name === '' ? '(empty)' : name }));
  }

  async function stopRun() {
    if (!active) return;
    stop.disabled = true;
    status.textContent = 'Stopping…';
    if (!active.run) { active.abort.abort(); return; }
    try {
      const response = await fetch(new URL('api/train/stop?id=' + encodeURIComponent(active.run.id), siteRoot), { method: 'POST' });
      if (!response.ok && active) active.abort.abort();   // already over, or unknown: just leave
    } catch (e) {
      if (active) active.abort.abort();
    }
  }

  function clearRuns() {
    if (active) return;
    runs.length = 0;
    runList.replaceChildren();
    rebuildChart();
    status.textContent = 'Runs cleared. Choose the settings and press Train.';
  }
}

/** Reads a server-sent event stream and calls onEvent(name, JSON data) for each event. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
