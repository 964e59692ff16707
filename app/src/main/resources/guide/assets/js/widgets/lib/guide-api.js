// What every widget shares: the site's root URL, the one way to ask the engine (the server, or the
// engine compiled for this browser), the front-end libraries (loaded once, from the WebJars the
// app serves), a few DOM helpers and the token chip. Modules in this folder are helpers, not widgets: the
// manifest lists only the files directly in widgets/.

/** The site root (works under any prefix: this file is assets/js/widgets/lib/guide-api.js). */
export const siteRoot = new URL('../../../../', import.meta.url);

/** A request the API refused: its message says what was wrong; body holds any details. */
export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body || {};
  }
}

/** GET a file of the site (relative to the root), as JSON: the seeded runs, api/runs/stepN.json. */
export async function getJson(path, params = {}) {
  const url = new URL(path, siteRoot);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  const response = await fetch(url);
  return answerOf(response.status, await response.text());
}

/** A query's answer: its JSON, or an ApiError with the engine's own explanation. */
function answerOf(status, text) {
  let body = null;
  try { body = JSON.parse(text); } catch (e) { body = null; }
  if (status !== 200) {
    throw new ApiError((body && body.error) || ('the guide answered HTTP ' + status), status, body);
  }
  return body;
}

let manifest = null;

/** Whether the guide's server answers queries (microgpt serve) or the engine runs in this browser (an exported site). */
export function liveApi() {
  if (!manifest) {
    manifest = fetch(new URL('../manifest.json', import.meta.url))
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}));
  }
  return manifest.then((m) => m.api === true);
}

/**
 * The one way a widget asks the engine: query PATH with its parameters (see docs/WIDGETS*.md).
 * Under microgpt serve the server answers it (GET api/PATH); on an exported site the same Java
 * code, compiled to WebAssembly, answers it in a Web Worker of this page. Same JSON either way.
 * An exported page carries the answers to the questions its widgets ask as it loads (below).
 */
export async function ask(path, params = {}) {
  const first = firstAnswer(path, params);
  if (first !== undefined) {
    asked.fromPage += 1;
    return first;
  }
  if (await liveApi()) return getJson('api/' + path, params);
  return askEngine(path, params);
}

// ---- the answers an exported page carries (FirstAnswers.java) ------------------------------------
// The export asked the engine the questions each page's widgets ask as it loads, and put the
// answers in the page (<script id="first-answers">), so the widgets draw without waiting a second
// for the engine to compile and read the data set. The engine then starts while the reader reads,
// and answers everything after that.

/** What has answered this page's questions so far: its own first answers, or the engine in this browser. */
export const asked = { fromPage: 0, fromEngine: 0 };

let firstAnswers;   // undefined until the first question; then the page's answers by question, or null

/** A question as text: the path and its parameters sorted by name, form-encoded (as FirstAnswers.key writes it). */
function questionKey(path, params) {
  const query = new URLSearchParams(Object.keys(params).sort().map((name) => [name, String(params[name])])).toString();
  return query ? path + '?' + query : path;
}

function firstAnswer(path, params) {
  if (firstAnswers === undefined) {
    const carried = document.getElementById('first-answers');
    firstAnswers = carried ? JSON.parse(carried.textContent) : null;
    if (firstAnswers) startEngineWhenIdle();
  }
  if (!firstAnswers) return undefined;
  const answer = firstAnswers[questionKey(path, params)];
  return answer === undefined ? undefined : structuredClone(answer);   // a widget may change what it was given
}

/**
 * For a widget that asks the engine only when the reader acts (the Playground, "run it
 * yourself"): starts the engine once the page has drawn, as a page with first answers does, so
 * that the first click does not wait for it to compile and read the data set.
 */
export function prepareEngine() {
  startEngineWhenIdle();
}

/** Starts the engine once the page has drawn, so that it is ready when the reader first asks. */
function startEngineWhenIdle() {
  if (location.protocol === 'file:') return;
  if ('requestIdleCallback' in window) requestIdleCallback(engineWorker, { timeout: 3000 });
  else setTimeout(engineWorker, 500);
}

// ---- the engine in this browser (engine/worker.js) ----------------------------------------------

let worker = null;
let nextMessage = 1;
const replies = new Map();

function engineWorker() {
  if (!worker) {
    worker = new Worker(new URL('engine/worker.js', siteRoot));
    worker.onmessage = (message) => {
      const reply = replies.get(message.data.id);
      if (reply) reply(message.data);
    };
    worker.onerror = (event) => {
      for (const reply of replies.values()) reply({ status: 500, json: JSON.stringify({ error: 'the engine could not start: ' + event.message }) });
    };
  }
  return worker;
}

/** Posts a message to the engine; onReply hears every reply to it. */
function post(message, onReply) {
  const id = nextMessage++;
  replies.set(id, onReply);
  engineWorker().postMessage({ id, ...message });
  return id;
}

/** A query answered by the engine in this browser, whether or not a server is there. */
export function askEngine(path, params = {}) {
  asked.fromEngine += 1;
  return new Promise((resolve, reject) => {
    const id = post({ type: 'ask', path, params }, (reply) => {
      replies.delete(id);
      try { resolve(answerOf(reply.status, reply.json)); } catch (e) { reject(e); }
    });
  });
}

/**
 * Trains a Playground run in this browser. onEvent hears its events as they happen (start, loss
 * batches, done); the promise settles after done, or rejects with the engine's refusal (bad
 * settings, a shape too big for a browser tab). stop() ends the run after its current step.
 */
export function trainInBrowser(params, onEvent) {
  let run = null;
  let stopWanted = false;
  let id = 0;
  const finished = new Promise((resolve, reject) => {
    id = post({ type: 'train', params }, (reply) => {
      if (reply.event) {
        if (reply.event.event === 'start') {
          run = reply.event.id;
          if (stopWanted) engineWorker().postMessage({ type: 'stop', run });
        }
        onEvent(reply.event);
        if (reply.event.event === 'done') {
          replies.delete(id);
          resolve(reply.event);
        }
        return;
      }
      replies.delete(id);
      try { answerOf(reply.status, reply.json); resolve(null); } catch (e) { reject(e); }
    });
  });
  return {
    finished,
    stop() {
      stopWanted = true;
      if (run) engineWorker().postMessage({ type: 'stop', run });
    },
  };
}

const loaded = new Map();

/** Loads a classic script once (a WebJar's UMD build) and resolves with the global it defines. */
export function loadScript(path, globalName) {
  if (window[globalName]) return Promise.resolve(window[globalName]);
  if (!loaded.has(path)) {
    loaded.set(path, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(path, siteRoot).href;
      script.onload = () => resolve(window[globalName]);
      script.onerror = () => reject(new Error('cannot load ' + path));
      document.head.append(script);
    }));
  }
  return loaded.get(path);
}

/** Adds a stylesheet once. */
export function loadStyle(path) {
  const href = new URL(path, siteRoot).href;
  if (!document.querySelector('link[href="' + href + '"]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
}

export const UPLOT_JS = 'webjars/uplot/1.6.30/dist/uPlot.iife.min.js';
export const UPLOT_CSS = 'webjars/uplot/1.6.30/dist/uPlot.min.css';
export const D3_JS = 'webjars/d3/7.9.0/dist/d3.min.js';

/**
 * el('p', {className: 'x', text: 'hi'}, child…): a small element builder. on… keys become
 * listeners, dataset fills data-*, a key the element has as a property (value, disabled, htmlFor)
 * is set as one, anything else (class, aria-*, data-*, role) as an attribute; null, undefined and
 * false are left out, as are such children.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = value;
    else if (key === 'className') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key in element && !key.startsWith('aria') && key !== 'role') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/**
 * A token chip: the character with its id as a subscript (BOS for the special token). A screen
 * reader hears "a, id 0" from the hidden words between them (a label on a plain span is not
 * valid ARIA, and most readers ignore it).
 */
export function tokenChip(token) {
  return el('span', { className: 'tok', dataset: { id: token.id } }, token.text,
    el('span', { className: 'visually-hidden', text: ', id ' }), el('sub', { text: String(token.id) }));
}

/** A token as text for tables and read-outs: "a₀"-style is visual; this is "a (0)". */
export function tokenText(token) {
  return token.text + ' (' + token.id + ')';
}

/** A message in the widget, replacing its content (for errors and "needs the server"). */
export function note(element, text) {
  element.replaceChildren(el('p', { className: 'widget-note', text }));
}

/** Calls fn at most once per animation frame with the latest arguments. */
export function throttleFrame(fn) {
  let pending = null;
  return (...args) => {
    const first = pending === null;
    pending = args;
    if (first) requestAnimationFrame(() => { const a = pending; pending = null; fn(...a); });
  };
}

/** Runs fn after the input has been quiet for ms. */
export function debounce(fn, ms = 150) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/** Offers a Blob as a file download. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Formats a number to fixed decimals. */
export function fixed(value, decimals) {
  return Number(value).toFixed(decimals);
}

let widgetCount = 0;
/** A unique id prefix for one widget instance (labels, aria-describedby). */
export function uid(name) {
  widgetCount += 1;
  return name + '-' + widgetCount;
}
