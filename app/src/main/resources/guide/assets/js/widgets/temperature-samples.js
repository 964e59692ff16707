// 1.9 Temperature: a slider from 0.1 to 2.0; the trained model samples 20 names at that
// temperature, always from the same random stream, so each setting always shows the same names.
import { api, debounce, el, fmt, showError } from './lib/kit.js';

export default async function temperatureSamples(element, options) {
  const step = options.step || '1';
  const start = 0.5;
  const slider = el('input', { type: 'range', min: 0.1, max: 2, step: 0.1, value: start, id: `temp-${step}-${Math.random().toString(36).slice(2, 7)}` });
  const value = el('output', { class: 'ts-value', for: slider.id });
  const list = el('ol', { class: 'ts-names', 'aria-live': 'polite' });
  const note = el('p', { class: 'ts-note' });
  let latest = 0;

  async function load(temperature) {
    const ask = ++latest;
    value.textContent = fmt(temperature, 1);
    const answer = await api(`step${step}/samples`, { temperature });
    if (ask !== latest) return;
    list.replaceChildren(...answer.samples.map((name) => el('li', { class: 'ts-name' }, name || '(empty)')));
    const unique = new Set(answer.samples).size;
    note.textContent = `Temperature ${fmt(temperature, 1)}: ${unique} different names among 20.`;
  }
  const reload = debounce((t) => load(t).catch((e) => showError(element, e)), 120);
  slider.addEventListener('input', () => { value.textContent = fmt(Number(slider.value), 1); reload(Number(slider.value)); });

  try {
    await load(start);
  } catch (e) {
    showError(element, e);
    return;
  }
  element.replaceChildren(el('div', { class: 'w12 temperature-samples' },
    el('label', { for: slider.id, class: 'ts-label' }, 'Temperature '), slider, value, note, list));
}
