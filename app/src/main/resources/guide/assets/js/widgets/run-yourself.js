// "Run it yourself", in the proof of fidelity on each step's last page: trains the step in this
// browser, with the Java engine compiled to WebAssembly and the guide's settings (seed 42, 1000
// steps), then holds the log it prints against the CPython reference's, line by line, with the
// largest loss difference at full precision and the time it took. The comparison is the
// engine's (the query train/compare); this module only draws it.
import { askEngine, el, prepareEngine, trainInBrowser } from './lib/guide-api.js';
import { sci } from './lib/kit.js';

export default async function runYourself(element, options) {
  const step = Number(options.step);
  const button = el('button', { type: 'button', className: 'run-yourself-button', text: 'Train it in your browser and compare' });
  const status = el('p', { className: 'run-yourself-status', role: 'status', 'aria-live': 'polite' });
  const result = el('div', { className: 'run-yourself-result' });
  element.replaceChildren(el('p', { className: 'run-yourself-intro' },
    'Run it yourself: your browser trains step ' + step + ' with the same Java engine, compiled to WebAssembly, '
    + 'and its log is held against the CPython reference, line by line.'), button, status, result);
  prepareEngine();

  button.addEventListener('click', async () => {
    button.disabled = true;
    result.replaceChildren();
    status.textContent = 'Starting the engine…';
    try {
      const run = trainInBrowser({ step, seed: 42, steps: 1000 }, (event) => {
        if (event.event === 'loss') status.textContent = 'Training in your browser: step ' + (event.from + event.losses.length) + ' of 1000…';
        if (event.event === 'done') status.textContent = 'Comparing with the CPython reference…';
      });
      const done = await run.finished;
      show(await askEngine('train/compare', { id: done.id }));
    } catch (error) {
      status.textContent = 'Could not run it here: ' + error.message;
    } finally {
      button.disabled = false;
    }
  });

  function show(c) {
    const lines = c.logsIdentical
      ? `All ${c.referenceLines} lines of the two logs are identical.`
      : `The logs differ from line ${c.firstDifferentLine} on (${c.identicalLines} of ${c.referenceLines} lines identical).`;
    const losses = c.maxLossDifference === 0
      ? `At full precision the ${c.losses} losses are bit for bit CPython's.`
      : `At full precision the largest difference between the ${c.losses} losses is ${sci(c.maxLossDifference, 1)}, `
        + `first at step ${c.firstDifferentLoss}: the browser's exp and log are correctly rounded, CPython's are the C library's, `
        + 'which differ in the last bit on about one argument in a thousand.';
    status.textContent = `Trained in ${(c.trainMillis / 1000).toFixed(1)} s in your browser. ${lines} ${losses}`;
    status.dataset.identical = String(c.logsIdentical);
    result.replaceChildren(el('div', { className: 'fidelity-scroll' }, el('table', { className: 'fidelity-excerpt' },
      el('caption', { text: 'Your browser and CPython, side by side' }),
      el('thead', {}, el('tr', {}, ['line', 'CPython printed', 'your browser printed', 'same'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, c.excerpt.map((row) => el('tr', { className: row.same ? 'fidelity-same' : 'fidelity-diff' },
        el('td', { text: String(row.line) }), el('td', {}, el('code', { text: row.python })), el('td', {}, el('code', { text: row.java })),
        el('td', { text: row.same ? 'yes' : 'no' })))))));
  }
}
