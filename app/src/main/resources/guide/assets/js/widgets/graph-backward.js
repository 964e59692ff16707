// 2.5 Backward: walk a computation graph from the result back to the leaves, one node at a time,
// in reverse topological order, exactly as Value.backward() does: the result's grad is 1, and each
// visited node adds (local gradient × its own grad) to each child's grad. Pick a small expression,
// or one position of a name: then the graph has thousands of nodes and is shown as a list.
import { api, el, fmt, nameProblem, parseNumber, sci, showError } from './lib/kit.js';
import { drawGraph, nodeTitle } from './lib/graph.js';

const EXPRESSIONS = [
  ['muladd', 'a · b + c'],
  ['diffsquares', '(a + b) · (a − b)'],
  ['relulog', 'relu(a · b) + log(c)'],
  ['position', 'one position of a name (thousands of nodes)'],
];
const RECENT = 12;

export default async function graphBackward(element) {
  const id = Math.random().toString(36).slice(2, 7);
  const exprSelect = el('select', { id: `gb-expr-${id}`, class: 'gb-expr' }, EXPRESSIONS.map(([v, t]) => el('option', { value: v, text: t })));
  const leaves = { a: 2, b: -3, c: 10 };
  const leafInputs = el('span', { class: 'gb-leaves' }, Object.keys(leaves).map((name) => el('label', { class: 'nd-input' }, `${name} = `,
    el('input', { type: 'number', step: '0.5', value: leaves[name], class: 'num-input', 'data-leaf': name,
      onchange: (e) => {
        const v = parseNumber(e.target.value);
        if (Number.isFinite(v) && Math.abs(v) <= 1000) { leaves[name] = v; reload(); } else message.textContent = `${name} must be a number from −1000 to 1000.`;
      } }))));
  const nameInput = el('input', { type: 'text', value: 'ava', maxlength: 16, class: 'gb-name', autocomplete: 'off', spellcheck: 'false' });
  const positionInput = el('input', { type: 'number', min: 0, max: 3, step: 1, value: 1, class: 'num-input gb-position' });
  const positionControls = el('span', { class: 'gb-position-controls', hidden: true },
    el('label', {}, 'Name ', nameInput), ' ', el('label', {}, 'Position ', positionInput));
  const stepButton = el('button', { type: 'button', class: 'gb-step' }, 'Step backward');
  const step100Button = el('button', { type: 'button', class: 'gb-step100', hidden: true }, '100 steps');
  const allButton = el('button', { type: 'button', class: 'gb-all' }, 'Run to the end');
  const resetButton = el('button', { type: 'button', class: 'gb-reset' }, 'Reset');
  const status = el('p', { class: 'gb-status', 'aria-live': 'polite' });
  const picture = el('div', { class: 'gb-picture' });
  const table = el('table', { class: 'gb-table' });
  const check = el('p', { class: 'gb-check', role: 'status' });
  const message = el('p', { class: 'gb-message', role: 'status' });

  let graph = null;     // from the API: every node with the engine's final grad
  let title = '';
  let grads = [];       // the grads as this walk has filled them in so far
  let contributions = [];
  let visited = 0;      // how many nodes of graph.backwardOrder have been visited
  let boxes = null;     // the small graph's drawn boxes, or null in list view
  let lastLine = '';
  let vocabulary = null;

  const small = () => graph.nodes.length <= 40;
  const label = (n) => (n.op === 'leaf' ? (n.label === 'const' ? 'const ' + fmt(n.data, 2) : n.label) : nodeTitle(n).replace(/\s+/g, ' '));

  function reset() {
    grads = new Array(graph.nodes.length).fill(0);
    contributions = new Array(graph.nodes.length).fill(0);
    visited = 0;
    lastLine = '';
    check.textContent = '';
    render();
  }

  /** One step of Value.backward(): the next node in reverse topological order passes its grad on. */
  function visitNext() {
    if (visited >= graph.backwardOrder.length) return;
    const node = graph.nodes[graph.backwardOrder[visited]];
    if (visited === 0) grads[node.id] = 1;
    const parts = node.children.map((child, c) => {
      const added = node.localGrads[c] * grads[node.id];
      grads[child] += added;
      contributions[child] += 1;
      return `${fmt(node.localGrads[c], 3)} × ${fmt(grads[node.id], 3)} to ${label(graph.nodes[child])}`;
    });
    visited += 1;
    lastLine = `Visited ${label(node)} (grad ${fmt(grads[node.id], 4)})` + (parts.length ? ': adds ' + parts.join('; ') + '.' : ': a leaf, nothing to pass on.');
  }

  function steps(n) {
    for (let i = 0; i < n; i++) visitNext();
    render();
  }

  function render() {
    const total = graph.backwardOrder.length;
    const done = visited >= total;
    stepButton.disabled = done;
    step100Button.disabled = done;
    allButton.disabled = done;
    status.textContent = `${title}: visited ${visited} of ${total} nodes. ${lastLine}`;
    if (boxes) renderBoxes(); else renderList();
    if (done) {
      const same = graph.nodes.filter((n) => n.grad === grads[n.id]).length;
      check.textContent = same === graph.nodes.length
        ? `All ${same} grads equal the engine's Value.backward().`
        : `${graph.nodes.length - same} of ${graph.nodes.length} grads differ from the engine's Value.backward().`;
    }
  }

  function isVisited(nodeId) {
    return graph.backwardOrder.indexOf(nodeId) < visited;
  }

  function renderBoxes() {
    const current = visited > 0 ? graph.backwardOrder[visited - 1] : -1;
    graph.nodes.forEach((n) => {
      const box = boxes[n.id];
      const touched = visited > 0 && (isVisited(n.id) || contributions[n.id] > 0);
      box.gradText.textContent = touched ? `grad ${fmt(grads[n.id], 3)}` + (contributions[n.id] > 1 ? ` (${contributions[n.id]}×)` : '') : 'grad ?';
      box.group.dataset.grad = touched ? String(grads[n.id]) : '';
      box.group.classList.toggle('graph-current', n.id === current);
      box.group.classList.toggle('graph-visited', isVisited(n.id));
    });
    table.replaceChildren(el('caption', {}, 'Every node: data, and its grad so far'),
      el('thead', {}, el('tr', {}, ['node', 'data', 'grad', 'contributions'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, graph.nodes.map((n) => el('tr', { 'data-label': n.label },
        el('th', { scope: 'row' }, label(n)), el('td', {}, fmt(n.data, 4)),
        el('td', { class: 'gb-grad' }, visited > 0 && (isVisited(n.id) || contributions[n.id] > 0) ? String(grads[n.id]) : '?'),
        el('td', {}, String(contributions[n.id]))))));
  }

  function renderList() {
    const first = Math.max(0, visited - RECENT);
    const recent = graph.backwardOrder.slice(first, visited).reverse();
    table.replaceChildren(el('caption', {}, `The last ${recent.length} nodes visited, newest first`),
      el('thead', {}, el('tr', {}, ['#', 'node', 'data', 'grad', 'children'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, recent.map((nodeId) => {
        const n = graph.nodes[nodeId];
        return el('tr', { 'data-label': n.label }, el('td', {}, String(graph.backwardOrder.indexOf(nodeId) + 1)),
          el('th', { scope: 'row' }, label(n)), el('td', {}, fmt(n.data, 4)), el('td', { class: 'gb-grad' }, sci(grads[nodeId], 4)),
          el('td', {}, String(n.children.length)));
      })));
    if (visited >= graph.backwardOrder.length) {
      const params = graph.nodes.filter((n) => n.op === 'leaf' && n.label !== 'const')
        .sort((p, q) => Math.abs(grads[q.id]) - Math.abs(grads[p.id])).slice(0, 5);
      picture.replaceChildren(el('p', { class: 'gb-top' }, 'Largest parameter gradients: '
        + params.map((p) => `${p.label} ${sci(grads[p.id], 3)}`).join(', ') + '.'));
    } else {
      const counts = Object.entries(graph.ops).map(([op, count]) => `${count} ${op === 'leaf' ? 'leaves' : op}`).join(', ');
      picture.replaceChildren(el('p', { class: 'gb-top' }, `Too many nodes to draw: ${counts}. The list shows the walk.`));
    }
  }

  async function load() {
    const kind = exprSelect.value;
    positionControls.hidden = kind !== 'position';
    leafInputs.hidden = kind === 'position';
    step100Button.hidden = kind !== 'position';
    if (kind === 'position') {
      const name = nameInput.value.trim();
      if (!vocabulary) vocabulary = (await api('step1/activations', { token: 'BOS', trained: false })).vocabulary;
      const problem = nameProblem(name, vocabulary);
      if (problem) { message.textContent = problem; return; }
      const positions = Array.from(name).length + 1;
      const position = Math.max(0, Math.min(positions - 1, Math.round(Number(positionInput.value)) || 0));
      positionInput.value = position;
      const answer = await api('step2/position-graph', { name, position });
      vocabulary = answer.vocabulary;
      graph = answer.graph;
      positionInput.max = answer.positions - 1;
      title = `The loss of "${answer.name}" at position ${answer.position} (${answer.token} → ${answer.target}), untrained model: ${fmt(answer.loss, 4)}`;
    } else {
      if (kind === 'relulog' && leaves.c <= 0) { message.textContent = 'log(c) needs c above 0.'; return; }
      const answer = await api('step2/graph', { expr: kind, ...leaves });
      graph = answer.graph;
      title = `${answer.formula} = ${fmt(graph.nodes[graph.root].data, 4)}`;
    }
    message.textContent = '';
    if (small()) {
      const drawn = drawGraph(graph, { label: title, lines: (n) => [`data ${fmt(n.data, 3)}`, 'grad ?'] });
      boxes = drawn.boxes;
      picture.replaceChildren(drawn.root);
    } else {
      boxes = null;
    }
    reset();
  }
  const reload = () => load().catch((e) => { message.textContent = e.message; });

  exprSelect.addEventListener('change', reload);
  nameInput.addEventListener('change', reload);
  positionInput.addEventListener('change', reload);
  stepButton.addEventListener('click', () => steps(1));
  step100Button.addEventListener('click', () => steps(100));
  allButton.addEventListener('click', () => steps(graph.backwardOrder.length));
  resetButton.addEventListener('click', reset);

  try {
    await load();
  } catch (e) {
    showError(element, e);
    return;
  }
  element.replaceChildren(el('div', { class: 'w12 graph-backward' },
    el('div', { class: 'gb-controls' }, el('label', { for: exprSelect.id }, 'Graph '), exprSelect, ' ', leafInputs, positionControls),
    message, el('div', { class: 'widget-buttons' }, stepButton, step100Button, allButton, resetButton),
    status, picture, check, table));
}
