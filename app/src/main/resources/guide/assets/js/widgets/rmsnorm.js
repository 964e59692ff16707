// 3.3 RMSNorm: a vector before and after normalisation, with its RMS and length. Starts from the
// x of "e" at position 1 in the trained Step 3 model; edit any entry and the engine normalises it.
import { api, el, fmt, parseNumber, debounce, showError } from './lib/kit.js';
import { trace, vectorRow } from './lib/w345.js';

export default async function rmsnorm(element, options) {
  let start;
  try {
    start = (await trace(options.step || '3', 'emma')).positions[1].sum;
  } catch (error) { showError(element, error); return; }
  const inputs = start.map((v, i) => el('input', { type: 'text', inputmode: 'decimal', class: 'rn-input', value: v.toFixed(3),
    'aria-label': `x[${i}]`, size: 6 }));
  const message = el('p', { class: 'w345-message', role: 'status' });
  const view = el('div', { class: 'rn-view', 'aria-live': 'polite' });
  const reset = el('button', { type: 'button', class: 'rn-reset' }, 'Reset');
  const double = el('button', { type: 'button', class: 'rn-double' }, 'Double every entry');

  async function update() {
    const x = inputs.map((i) => parseNumber(i.value));
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) { message.textContent = `x[${bad}] is not a number.`; return; }
    message.textContent = '';
    let r;
    try {
      r = await api('step345/rmsnorm', { x: x.join(',') });
    } catch (error) { message.textContent = error.message; return; }
    const n = r.norm;
    view.replaceChildren(
      vectorRow('before', n.before, { cls: 'rn-before' }),
      el('p', { class: 'rn-stats rn-stats-before' }, `before: RMS ${fmt(n.rmsBefore, 4)}, length ${fmt(n.lengthBefore, 4)}`),
      vectorRow('after', n.after, { cls: 'rn-after' }),
      el('p', { class: 'rn-stats rn-stats-after' }, `after: RMS ${fmt(n.rmsAfter, 4)}, length ${fmt(n.lengthAfter, 4)}`),
      el('p', { class: 'rn-formula' }, `Each entry is multiplied by 1/√(mean(x²) + 10⁻⁵) = 1/√(${fmt(r.meanSquare, 4)} + 0.00001) = ${fmt(r.scale, 4)}.`));
  }
  const later = debounce(update, 200);
  inputs.forEach((i) => i.addEventListener('input', later));
  reset.addEventListener('click', () => { inputs.forEach((i, k) => { i.value = start[k].toFixed(3); }); update(); });
  double.addEventListener('click', () => { inputs.forEach((i) => { i.value = String(2 * parseNumber(i.value)); }); update(); });
  element.replaceChildren(el('div', { class: 'w345 rmsnorm' },
    el('fieldset', { class: 'rn-inputs' }, el('legend', {}, 'The vector x (16 entries)'), inputs),
    el('div', { class: 'rn-buttons' }, double, reset), message, view,
    el('p', { class: 'w345-source' }, 'Normalised by the engine; the starting vector is x = wte[e] + wpe[1] of the trained Step 3 model.')));
  await update();
}
