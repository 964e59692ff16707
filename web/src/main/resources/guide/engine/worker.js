// The guide's Java engine in the reader's browser. This Web Worker loads microgpt.wasm (the
// engine, the widget queries and the Playground, compiled by TeaVM from the same Java classes
// the server runs) and answers the page's messages, so the page never waits on a computation:
//
//   {id, type: 'ask', path, params}     -> {id, status, json}          one widget query
//   {id, type: 'train', params}         -> {id, event: {...}} ...      a Playground run, streamed:
//                                          start, loss (batches), done (or an error answer)
//   {type: 'stop', run}                 -> the run stops after its current step
//
// When the engine needs a file of the site (the data set, a trained model, a reference log), it
// answers "needs PATH"; the worker fetches it, hands it over and asks again. The engine and the
// data set, which nearly every query needs, start loading as soon as the worker starts (the page
// starts it while it is still loading itself), so the first question rarely waits for either.
'use strict';

importScripts('microgpt.wasm-runtime.js');

const siteRoot = new URL('../', self.location.href);   // this file is SITE/engine/worker.js
const NAMES = 'api/data/names.txt';
let engine = null;

function loadEngine() {
  if (!engine) {
    engine = TeaVM.wasmGC.load(new URL('microgpt.wasm', self.location.href).href).then((teavm) => teavm.exports);
  }
  return engine;
}

async function fetchOk(path) {
  const response = await fetch(new URL(path, siteRoot));
  if (!response.ok) throw new Error('the site has no ' + path + ' (HTTP ' + response.status + ')');
  return response;
}

/** Fetches one of the site's files (while the engine compiles, the first time) and hands it to the engine. */
async function fetchAndHandOver(path) {
  let match;
  if (path === NAMES) {
    const text = await (await fetchOk(path)).text();
    (await loadEngine()).loadNames(text);
  } else if ((match = /^api\/models\/step(\d)\.bin$/.exec(path))) {
    const buffer = await (await fetchOk(path)).arrayBuffer();
    (await loadEngine()).loadParameters(Number(match[1]), Array.from(new Float64Array(buffer)));
  } else if ((match = /^api\/reference\/step(\d)\.log$/.exec(path))) {
    const [log, losses] = await Promise.all([fetchOk(path), fetchOk('api/reference/step' + match[1] + '.losses')]
      .map((p) => p.then((r) => r.text())));
    (await loadEngine()).loadReference(Number(match[1]), log, losses);
  } else {
    throw new Error('the engine asked for an unknown file: ' + path);
  }
}

const handedOver = new Map();   // path -> its loading, so that each file is fetched once

/** Loads a file of the site into the engine, once; a failed load is tried again when next asked. */
function load(path) {
  if (!handedOver.has(path)) {
    handedOver.set(path, fetchAndHandOver(path).catch((error) => {
      handedOver.delete(path);
      throw error;
    }));
  }
  return handedOver.get(path);
}

// Started now, not at the first question. A failure is not reported here: the first question
// meets it (the engine's promise stays rejected; a file's load is tried again) and says why.
loadEngine().catch(() => {});
load(NAMES).catch(() => {});

/** One query, answered by the engine: {status, json}. */
async function ask(path, params) {
  const exports = await loadEngine();
  const namesAndValues = [];
  for (const [name, value] of Object.entries(params || {})) namesAndValues.push(name, String(value));
  const loaded = new Set();
  for (;;) {
    const text = exports.answer(path, namesAndValues);
    if (text.startsWith('needs ')) {
      const file = text.slice('needs '.length);
      if (loaded.has(file)) throw new Error('the engine still needs ' + file + ' after reading it');
      await load(file);
      loaded.add(file);
      continue;
    }
    const space = text.indexOf(' ');
    return { status: Number(text.slice(0, space)), json: text.slice(space + 1) };
  }
}

/** Lets queued messages (a Stop) in between two slices of training. */
function yieldToMessages() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Trains a Playground run slice by slice, posting its events as they happen. */
async function train(id, params) {
  const start = await ask('train/start', params);
  if (start.status !== 200) {
    self.postMessage({ id, status: start.status, json: start.json });
    return;
  }
  const first = JSON.parse(start.json);
  self.postMessage({ id, event: first });
  for (;;) {
    await yieldToMessages();
    const slice = await ask('train/advance', { id: first.id, millis: 40 });
    if (slice.status !== 200) {
      self.postMessage({ id, status: slice.status, json: slice.json });
      return;
    }
    for (const event of JSON.parse(slice.json).events) {
      self.postMessage({ id, event });
      if (event.event === 'done') return;
    }
  }
}

self.onmessage = async (message) => {
  const { id, type } = message.data;
  try {
    if (type === 'ask') {
      self.postMessage({ id, ...(await ask(message.data.path, message.data.params)) });
    } else if (type === 'train') {
      await train(id, message.data.params);
    } else if (type === 'stop') {
      await ask('train/stop', { id: message.data.run });
    }
  } catch (error) {
    self.postMessage({ id, status: 500, json: JSON.stringify({ error: 'the engine failed: ' + error.message }) });
  }
};
