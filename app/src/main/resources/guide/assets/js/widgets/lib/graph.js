// Drawing a small computation graph (from api/step2/graph): leaves on the left, the result on
// the right, an arrow from each child to the node made from it, labelled with its local gradient.
import { fmt, svg } from './kit.js';

export const BOX = { width: 118, height: 50, gapX: 64, gapY: 18 };

/** A short name for each node: the leaf's own (a, b, c), a constant's value, or its operation. */
export function nodeTitle(node) {
  if (node.op === 'leaf') return node.label === 'const' ? 'const ' + fmt(node.data, 2).replace(/\.00$/, '') : node.label;
  return { '+': 'add  +', '×': 'mul  ×', pow: 'pow', log: 'log', exp: 'exp', relu: 'relu' }[node.op] || node.op;
}

/** Columns by distance from the result: the result rightmost, each child at least one column left of its users. */
export function layout(graph) {
  const depth = new Array(graph.nodes.length).fill(0);
  for (const id of graph.backwardOrder) {
    for (const child of graph.nodes[id].children) depth[child] = Math.max(depth[child], depth[id] + 1);
  }
  const maxDepth = Math.max(...depth);
  const columns = Array.from({ length: maxDepth + 1 }, () => []);
  graph.nodes.forEach((n) => columns[maxDepth - depth[n.id]].push(n.id));
  const tallest = Math.max(...columns.map((c) => c.length));
  const height = tallest * (BOX.height + BOX.gapY) + BOX.gapY;
  const position = [];
  columns.forEach((ids, col) => {
    const top = (height - ids.length * (BOX.height + BOX.gapY) + BOX.gapY) / 2;
    ids.forEach((id, row) => {
      position[id] = { x: BOX.gapX / 2 + col * (BOX.width + BOX.gapX), y: top + row * (BOX.height + BOX.gapY) };
    });
  });
  return { position, width: columns.length * (BOX.width + BOX.gapX), height };
}

/**
 * The graph as SVG: returns { root, boxes } where boxes[id] = { group, dataText, gradText }.
 * lines(node) gives the two text lines of a box; edge labels show the local gradients.
 */
export function drawGraph(graph, { lines, label = 'computation graph', onActivate = null }) {
  const { position, width, height } = layout(graph);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'graph', role: 'group', 'aria-label': label });
  root.append(svg('defs', {}, svg('marker', { id: 'graph-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    svg('path', { d: 'M0,0L10,5L0,10z', class: 'graph-arrowhead' }))));
  const edges = svg('g', { class: 'graph-edges' });
  const boxes = [];
  graph.nodes.forEach((node) => {
    node.children.forEach((child, c) => {
      const from = position[child];
      const to = position[node.id];
      const x1 = from.x + BOX.width;
      const y1 = from.y + BOX.height / 2;
      const x2 = to.x;
      const y2 = to.y + BOX.height / 2 + (c - (node.children.length - 1) / 2) * 12;
      edges.append(svg('line', { x1, y1, x2, y2, 'marker-end': 'url(#graph-arrow)' }));
      edges.append(svg('text', { class: 'graph-local', x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle',
        text: '∂=' + fmt(node.localGrads[c], 2) }));
    });
  });
  root.append(edges);
  graph.nodes.forEach((node) => {
    const { x, y } = position[node.id];
    const [line1, line2] = lines(node);
    const title = svg('text', { class: 'graph-title', x: x + 8, y: y + 16, text: nodeTitle(node) });
    const dataText = svg('text', { class: 'graph-data', x: x + 8, y: y + 31, text: line1 });
    const gradText = svg('text', { class: 'graph-grad', x: x + 8, y: y + 44, text: line2 });
    const interactive = onActivate && node.op !== 'leaf';
    const group = svg('g', { class: 'graph-node graph-' + (node.op === 'leaf' ? 'leaf' : 'op'), 'data-id': node.id, 'data-label': node.label,
      tabindex: interactive ? 0 : null, role: interactive ? 'button' : null,
      'aria-label': interactive ? `${nodeTitle(node)} node: show its children and local gradients` : null },
      svg('rect', { x, y, width: BOX.width, height: BOX.height, rx: 6 }), title, dataText, gradText);
    if (interactive) {
      group.addEventListener('click', () => onActivate(node));
      group.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onActivate(node); } });
    }
    root.append(group);
    boxes[node.id] = { group, dataText, gradText };
  });
  return { root, boxes };
}
