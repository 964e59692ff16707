// 3.1 / 4.1 The architecture as a block diagram: what each block computes and the shape it passes
// on. step=3 highlights the blocks Step 3 adds (position embedding, RMSNorm, attention, residuals);
// step=4 puts attention and the MLP inside a repeatable layer and splits attention into heads.
import { el, svg } from './lib/kit.js';

function blocks(step) {
  const four = step >= 4;
  return [
    { id: 'wte', label: 'token embedding', what: 'wte[token]: the row of the token embedding matrix for the current token.', shape: '16 numbers', row: 0, col: 0 },
    { id: 'wpe', label: 'position embedding', what: 'wpe[pos]: a learned vector for the position in the name.', shape: '16 numbers', row: 0, col: 1, isNew: step === 3 },
    { id: 'add', label: 'add', what: 'x = wte[token] + wpe[pos]: the token and where it is, in one vector.', shape: '16 numbers', row: 1, isNew: step === 3 },
    { id: 'norm0', label: 'RMSNorm', what: 'x / √(mean(x²) + 10⁻⁵): rescales x to RMS 1 (length about 4).', shape: '16 numbers', row: 2, isNew: step === 3 },
    { id: 'attn', label: four ? 'multi-head attention (4 heads)' : 'attention (one head)', layer: true,
      what: four ? 'RMSNorm, then q, k, v; each of 4 heads uses its 4-number slice, weighs the cached positions and fills its part of x_attn; then attn_wo.'
        : 'RMSNorm, then q, k, v; the query is compared with every cached key; the weights mix the cached values; then attn_wo.',
      shape: '16 numbers', row: 3, isNew: step === 3 || four },
    { id: 'res1', label: '+ residual', what: 'Adds the block\'s input back: x = attention(x) + x.', shape: '16 numbers', row: 4, isNew: step === 3, layer: true },
    { id: 'mlp', label: 'MLP', what: 'RMSNorm, then mlp_fc1 (64 numbers), ReLU, mlp_fc2 (back to 16).', shape: '16 numbers', row: 5, layer: true },
    { id: 'res2', label: '+ residual', what: 'Adds the MLP block\'s input back: x = mlp(x) + x.', shape: '16 numbers', row: 6, isNew: step === 3, layer: true },
    { id: 'head', label: 'lm_head', what: step === 3 ? 'One score (logit) per token of the vocabulary, read from x: the MLP now hands 16 numbers back to the residual stream instead of scoring the tokens itself.'
      : 'One score (logit) per token of the vocabulary.', shape: '27 logits', row: 7, isNew: step === 3 },
    { id: 'softmax', label: 'softmax', what: 'Turns the logits into probabilities of the next token.', shape: '27 probabilities', row: 8 },
  ];
}

export default function architecture(element, options) {
  const step = Number(options.step || 3);
  const list = blocks(step);
  const W = 480, rowH = 46, top = 10, bw = 250, bh = 32;
  const H = top + 9 * rowH + 10;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'ar-diagram', role: 'group',
    'aria-label': `The Step ${step} model as blocks, top to bottom` });
  const defs = svg('defs', {}, svg('marker', { id: 'ar-arrow-' + step, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'ar-arrowhead' })));
  root.append(defs);
  const xOf = (b) => (b.col === undefined ? (W - bw) / 2 : b.col === 0 ? 10 : W - 10 - 190);
  const wOf = (b) => (b.col === undefined ? bw : 190);
  const yOf = (b) => top + b.row * rowH;
  if (step >= 4) {
    root.append(svg('rect', { class: 'ar-layer', x: (W - bw) / 2 - 16, y: yOf({ row: 3 }) - 8, width: bw + 32, height: 4 * rowH + 2, rx: 8 }),
      svg('text', { class: 'ar-layer-label', x: (W + bw) / 2 + 22, y: yOf({ row: 3 }) + 2 * rowH, text: '× n_layer' }));
  }
  for (let r = 0; r < 8; r++) {
    const y1 = top + r * rowH + bh, y2 = top + (r + 1) * rowH - 2;
    root.append(svg('line', { class: 'ar-edge', x1: W / 2, x2: W / 2, y1: r === 0 ? y1 : y1, y2, 'marker-end': `url(#ar-arrow-${step})` }));
  }
  const readout = el('p', { class: 'ar-readout', 'aria-live': 'polite' }, 'Hover over, focus or tap a block to see what it computes.');
  const nodes = list.map((b) => {
    const g = svg('g', { class: 'ar-block' + (b.isNew ? ' ar-new' : ''), tabindex: 0, role: 'button', 'data-id': b.id,
      'aria-label': `${b.label}${b.isNew ? ' (new in this step)' : ''}: ${b.what} Passes on ${b.shape}.` },
    svg('rect', { x: xOf(b), y: yOf(b), width: wOf(b), height: bh, rx: 6 }),
    svg('text', { x: xOf(b) + wOf(b) / 2, y: yOf(b) + 21, 'text-anchor': 'middle', text: b.label + (b.isNew ? ' ★' : '') }));
    const show = () => {
      nodes.forEach((n) => n.classList.toggle('ar-on', n === g));
      readout.textContent = `${b.label}${b.isNew ? ' (new in Step ' + step + ')' : ''}: ${b.what} It passes on ${b.shape}.`;
    };
    g.addEventListener('mouseenter', show);
    g.addEventListener('focus', show);
    g.addEventListener('click', show);
    root.append(g);
    return g;
  });
  const text = el('details', { class: 'ar-text' }, el('summary', {}, 'The diagram as a list'),
    el('ol', {}, list.map((b) => el('li', {}, `${b.label}${b.isNew ? ' (new)' : ''}${b.layer && step >= 4 ? ' [inside the layer]' : ''}: ${b.what} → ${b.shape}`))));
  element.replaceChildren(el('div', { class: 'w345 architecture' }, root, readout,
    el('p', { class: 'ar-key' }, step >= 4 ? '★ marks what Step 4 changes; the dashed box repeats n_layer times (once in microgpt).'
      : '★ marks the blocks new in Step 3 (the MLP was there in Step 2; now it is a block with a residual).'), text));
}
