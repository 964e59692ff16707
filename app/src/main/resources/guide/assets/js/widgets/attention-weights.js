// 3.5 Attention weights: pick a position of a name and see how much it attends to itself and to
// each earlier position (the softmax of q·k/√d), as bars and as a heatmap of every position.
// Numbers from the trained Step 3 model (one head).
import { el, svg, fmt, showError } from './lib/kit.js';
import { trace, nameForm, tokenLabel } from './lib/w345.js';

export default async function attentionWeights(element, options) {
  const step = options.step || '3';
  const head = Number(options.head || 0);
  let data = null;
  let selected = 3;
  const buttons = el('div', { class: 'aw-positions', role: 'group', 'aria-label': 'Query position' });
  const bars = el('div', { class: 'aw-bars' });
  const readout = el('p', { class: 'aw-readout', 'aria-live': 'polite' });
  const heat = el('div', { class: 'aw-heat' });
  const table = el('details', { class: 'aw-table' });
  const { form, message } = nameForm('aw', 'emma', () => data.vocabulary.map((t) => t.text), load);

  async function load(name) {
    data = await trace(step, name);
    selected = Math.min(selected, data.positions.length - 1);
    buttons.replaceChildren(...data.positions.map((p) => el('button', { type: 'button', class: 'aw-pos', 'data-pos': p.position,
      'aria-pressed': 'false', onclick: () => select(p.position) }, tokenLabel(p.token), el('sub', {}, String(p.position)))));
    drawHeat();
    select(selected);
  }

  const weightsAt = (t) => data.positions[t].layers[0].heads[head].weights;

  function select(t) {
    selected = t;
    buttons.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.pos) === t)));
    heat.querySelectorAll('.aw-cell').forEach((c) => c.classList.toggle('aw-row-on', Number(c.dataset.t) === t));
    const w = weightsAt(t);
    // A fixed scale from 0 to 1 (weights are shares of 1), with the even share 1/n dashed: the
    // height of a bar means the same at every position, and "close to even" can be seen.
    const left = 40, above = 18, W = 520, H = 150, band = (W - left) / Math.max(8, data.positions.length);
    const y = (v) => above + H - v * H;
    const root = svg('svg', { viewBox: `0 0 ${W} ${above + H + 22}`, class: 'aw-chart', role: 'group',
      'aria-label': `attention weights of position ${t}, on a scale from 0 to 1` });
    const axis = svg('g', { class: 'aw-axis', 'aria-hidden': 'true' });
    [0, 0.25, 0.5, 0.75, 1].forEach((v) => axis.append(
      svg('line', { class: 'aw-grid', x1: left, x2: W, y1: y(v), y2: y(v) }),
      svg('text', { class: 'chart-text', x: left - 6, y: y(v) + 4, 'text-anchor': 'end', text: fmt(v, 2) })));
    const even = 1 / w.length;
    axis.append(svg('line', { class: 'aw-even', x1: left, x2: W, y1: y(even), y2: y(even) }),
      svg('text', { class: 'chart-text aw-even-label', x: W - 2, y: y(even) - 4, 'text-anchor': 'end',
        text: `even share 1/${w.length} = ${fmt(even, 2)}` }));
    root.append(axis);
    w.forEach((v, s) => {
      const h = Math.max(1, v * H);
      const x = left + s * band;
      const bar = svg('rect', { class: 'aw-bar', x: x + 3, width: band - 6, y: above + H - h, height: h, tabindex: 0, role: 'img',
        'data-s': s, 'aria-label': `weight on position ${s} (${tokenLabel(data.positions[s].token)}) = ${fmt(v, 4)}` });
      const show = () => point(t, s);
      bar.addEventListener('mouseenter', show);
      bar.addEventListener('focus', show);
      bar.addEventListener('pointerdown', show);
      root.append(bar,
        svg('text', { class: 'chart-text aw-value', x: x + band / 2, y: above + H - h - 4, 'text-anchor': 'middle', 'aria-hidden': 'true',
          text: fmt(v, 2) }),
        svg('text', { class: 'chart-text', x: x + band / 2, y: above + H + 15, 'text-anchor': 'middle',
          text: tokenLabel(data.positions[s].token) }));
    });
    bars.replaceChildren(root);
    const top = w.indexOf(Math.max(...w));
    readout.textContent = `Position ${t} (${tokenLabel(data.positions[t].token)}) spreads its attention over ${w.length} `
      + `position${w.length > 1 ? 's' : ''}; most on position ${top} (${tokenLabel(data.positions[top].token)}), ${fmt(w[top], 4)}. `
      + 'Hover over or focus a bar for its weight.';
    table.replaceChildren(el('summary', {}, 'The weights as a table'), el('table', {},
      el('caption', {}, `Attention weights of position ${t}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'earlier position'), el('th', { scope: 'col' }, 'weight'))),
      el('tbody', {}, w.map((v, s) => el('tr', {}, el('th', { scope: 'row' }, `${s} (${tokenLabel(data.positions[s].token)})`),
        el('td', { class: 'aw-weight' }, fmt(v, 4)))))));
  }

  function point(t, s) {
    bars.querySelectorAll('.aw-bar').forEach((b) => b.classList.toggle('active', Number(b.dataset.s) === s));
    readout.textContent = `Position ${t} (${tokenLabel(data.positions[t].token)}) gives position ${s} `
      + `(${tokenLabel(data.positions[s].token)}) the weight ${fmt(weightsAt(t)[s], 4)}.`;
  }

  function drawHeat() {
    const n = data.positions.length, c = 22, pad = 34;
    const root = svg('svg', { viewBox: `0 0 ${pad + n * c} ${pad + n * c}`, class: 'aw-heatmap', role: 'img',
      style: `width: ${Math.round(1.2 * (pad + n * c))}px`,
      'aria-label': 'all attention weights: one row per query position, one column per earlier position' });
    data.positions.forEach((p, t) => {
      root.append(svg('text', { class: 'chart-text', x: pad - 6, y: pad + t * c + 15, 'text-anchor': 'end', text: tokenLabel(p.token) }));
      root.append(svg('text', { class: 'chart-text', x: pad + t * c + c / 2, y: pad - 8, 'text-anchor': 'middle', text: tokenLabel(p.token) }));
      weightsAt(t).forEach((v, s) => {
        const cell = svg('rect', { class: 'aw-cell', x: pad + s * c + 1, y: pad + t * c + 1, width: c - 2, height: c - 2,
          'fill-opacity': Math.max(0.05, v), 'data-t': t, 'data-s': s },
          svg('title', { text: `position ${t} → ${s}: ${fmt(v, 4)}` }));
        cell.addEventListener('click', () => { select(t); point(t, s); });
        cell.addEventListener('mouseenter', () => point(t, s));
        root.append(cell);
      });
    });
    heat.replaceChildren(root);
  }

  try {
    await load('emma');
  } catch (error) { showError(element, error); return; }
  element.replaceChildren(el('div', { class: 'w345 attention-weights' }, form, message, buttons, bars, readout,
    el('p', { class: 'aw-heat-title' }, 'Every position at once (darker = more weight; click a row to select it):'), heat, table,
    el('p', { class: 'w345-source' }, `The trained Step ${step} model's weights, computed by the engine.`)));
}
