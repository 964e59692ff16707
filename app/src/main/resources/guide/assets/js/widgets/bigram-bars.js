// 0.4: pick a token and see bigram(token) after training: the 27 probabilities of the next
// token, as bars. Hover or focus a bar for its value; the same numbers are in a table.
import { ask, el, fixed } from './lib/guide-api.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640, HEIGHT = 220, TOP = 12, BOTTOM = 24, LEFT = 40;

export default async function mount(element, options = {}) {
  const steps = Number(options.steps || 1000);
  const first = await ask('step0/bigram', { token: options.token || 0, steps });
  const vocab = first.vocab;

  const buttons = el('div', { className: 'token-buttons', role: 'group', 'aria-label': 'Current token' },
    vocab.map((t) => el('button', { type: 'button', dataset: { id: t.id }, 'aria-pressed': 'false', text: t.text,
      'aria-label': 'token ' + t.text + ', id ' + t.id })));
  const heading = el('p', { className: 'widget-readout bigram-heading', 'aria-live': 'polite' });
  const chart = el('div', { className: 'bigram-chart' });
  const readout = el('p', { className: 'widget-readout bigram-readout', 'aria-live': 'polite' });
  const table = el('details', { className: 'bigram-table' });
  element.replaceChildren(buttons, heading, chart, readout, table);

  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + HEIGHT);
  svg.setAttribute('role', 'group');
  chart.append(svg);
  const band = (WIDTH - LEFT) / vocab.length;
  const bars = vocab.map((t, i) => {
    const bar = svgEl('rect', { class: 'bar', x: LEFT + i * band + 2, width: band - 4, tabindex: i === 0 ? 0 : -1, role: 'img' });
    const label = svgEl('text', { class: 'chart-text', x: LEFT + i * band + band / 2, y: HEIGHT - 8, 'text-anchor': 'middle' });
    label.textContent = t.text === 'BOS' ? 'B' : t.text;
    svg.append(bar, label);
    bar.addEventListener('mouseenter', () => point(i));
    bar.addEventListener('focus', () => point(i));
    bar.addEventListener('pointerdown', () => point(i));
    bar.addEventListener('keydown', (event) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: vocab.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      const j = Math.max(0, Math.min(vocab.length - 1, to));
      bars.forEach((b, k) => b.setAttribute('tabindex', k === j ? 0 : -1));
      bars[j].focus();
    });
    return bar;
  });
  const axis = svgEl('text', { class: 'chart-text', x: 4, y: TOP + 8 });
  svg.append(axis);

  let current = first;
  function draw(answer) {
    current = answer;
    const max = Math.max(...answer.probabilities);
    const scale = (HEIGHT - TOP - BOTTOM) / max;
    axis.textContent = fixed(max, 2);
    answer.probabilities.forEach((p, i) => {
      const h = p * scale;
      bars[i].setAttribute('y', HEIGHT - BOTTOM - h);
      bars[i].setAttribute('height', Math.max(h, 0.5));
      bars[i].setAttribute('aria-label', 'p(' + vocab[i].text + ' | ' + answer.token.text + ') = ' + fixed(p, 4));
      bars[i].dataset.p = String(p);
    });
    buttons.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.id) === answer.token.id)));
    heading.textContent = 'After ' + answer.steps + ' training steps, the next token after ' + answer.token.text + ':';
    readout.textContent = 'Hover over or focus a bar (← → move between bars) to read its probability.';
    const rows = answer.probabilities.map((p, i) => el('tr', {}, el('th', { scope: 'row', text: vocab[i].text }), el('td', { text: fixed(p, 4) })));
    table.replaceChildren(el('summary', { text: 'The probabilities as a table' }),
      el('table', {}, el('caption', { text: 'p(next | ' + answer.token.text + ')' }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Next token' }), el('th', { scope: 'col', text: 'Probability' }))),
        el('tbody', {}, rows)));
  }

  function point(i) {
    bars.forEach((b, k) => b.classList.toggle('active', k === i));
    readout.textContent = 'p(' + vocab[i].text + ' | ' + current.token.text + ') = ' + fixed(current.probabilities[i], 4)
      + ' (' + fixed(100 * current.probabilities[i], 1) + '%)';
  }

  let latest = 0;
  buttons.addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const asked = ++latest;
    const answer = await ask('step0/bigram', { token: button.dataset.id, steps });
    if (asked === latest) draw(answer);
  });
  draw(first);
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}
