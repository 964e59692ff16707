// 2.3 Recording operations: the graph of e = a·b + c as Values record it. Each box shows its data;
// each arrow, the local gradient of the result with respect to that child. Click (or press Enter
// on) the multiply or the add node to read what it recorded; edit a, b, c and everything updates.
import { api, debounce, el, fmt, parseNumber, showError } from './lib/kit.js';
import { drawGraph, nodeTitle } from './lib/graph.js';

export default async function nodeDiagram(element) {
  const values = { a: 2, b: -3, c: 10 };
  const inputs = Object.keys(values).map((name) => el('label', { class: 'nd-input' }, `${name} = `,
    el('input', { type: 'number', step: '0.5', value: values[name], class: 'num-input', 'data-leaf': name,
      oninput: (e) => { const v = parseNumber(e.target.value); if (Number.isFinite(v) && Math.abs(v) <= 1000) { values[name] = v; reload(); } } })));
  const picture = el('div', { class: 'nd-picture' });
  const detail = el('p', { class: 'nd-detail', 'aria-live': 'polite', text: 'Click the multiply or the add node.' });
  const table = el('table', { class: 'nd-table' });
  const message = el('p', { class: 'nd-message', role: 'status' });
  let answer = null;
  let chosen = null;

  function explain(node) {
    chosen = node.id;
    const g = answer.graph;
    const kids = node.children.map((c) => g.nodes[c]);
    const name = (n) => (n.op === 'leaf' ? n.label : nodeTitle(n).split(' ')[0] + ' node');
    const how = node.op === '+' ? 'an add: the local gradient on each child is 1'
      : `a multiply: the local gradient on each child is the other child's data`;
    detail.textContent = `This ${node.op === '+' ? 'add' : 'multiply'} node has data ${fmt(node.data, 2)}, made from `
      + kids.map((k) => `${name(k)} (${fmt(k.data, 2)})`).join(' and ') + `. It is ${how}: `
      + kids.map((k, i) => `∂/∂${name(k)} = ${fmt(node.localGrads[i], 2)}`).join(', ') + '.';
  }

  function draw() {
    const g = answer.graph;
    const { root } = drawGraph(g, { label: `The graph of ${answer.formula}`, onActivate: explain,
      lines: (n) => [`data ${fmt(n.data, 2)}`, n.children.length ? `from ${n.children.length} children` : 'a leaf'] });
    picture.replaceChildren(root);
    table.replaceChildren(el('caption', {}, `What each Value of ${answer.formula} records`),
      el('thead', {}, el('tr', {}, ['node', 'data', 'children', 'local gradients'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, g.nodes.map((n) => el('tr', {},
        el('th', { scope: 'row' }, nodeTitle(n)), el('td', { class: 'nd-data' }, fmt(n.data, 2)),
        el('td', {}, n.children.map((c) => nodeTitle(g.nodes[c])).join(', ') || 'none'),
        el('td', {}, n.localGrads.map((l) => fmt(l, 2)).join(', ') || 'none')))));
    if (chosen !== null) explain(g.nodes[chosen]);
  }

  async function load() {
    answer = await api('step2/graph', { expr: 'muladd', ...values });
    message.textContent = '';
    draw();
  }
  const reload = debounce(() => load().catch((e) => { message.textContent = e.message; }), 80);

  try {
    await load();
  } catch (e) {
    showError(element, e);
    return;
  }
  element.replaceChildren(el('div', { class: 'w12 node-diagram' },
    el('p', { class: 'nd-formula' }, 'e = a · b + c, with ', inputs), message, picture, detail, table));
}
