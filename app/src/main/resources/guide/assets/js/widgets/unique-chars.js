// 0.2: type any text and see what the tokenizer makes of it: its unique characters, sorted,
// each numbered from 0 (the engine's Tokenizer run over this text alone), and BOS after them.
import { ask, el, tokenChip, debounce, uid } from './lib/guide-api.js';

export default async function mount(element, options = {}) {
  const id = uid('unique-chars');
  const input = el('input', { type: 'text', id, className: 'unique-chars-input', value: options.text || 'hello world', maxLength: 64,
    autocomplete: 'off', spellcheck: false });
  const output = el('div', { className: 'widget-output unique-chars-output', 'aria-live': 'polite' });
  const summary = el('p', { className: 'widget-readout unique-chars-summary' });
  element.replaceChildren(el('label', { htmlFor: id, text: 'Text: ' }), input, output, summary);

  let latest = 0;
  async function show() {
    const asked = ++latest;
    const text = input.value;
    let unique;
    try {
      unique = (await ask('unique-chars', { text })).uniqueChars;
    } catch (error) {
      if (asked !== latest) return;
      output.replaceChildren(el('p', { className: 'widget-error', text: error.message }));
      summary.textContent = '';
      return;
    }
    if (asked !== latest) return;
    output.replaceChildren(...unique.map((t) => tokenChip({ text: t.text === ' ' ? '␣' : t.text, id: t.id })));
    summary.textContent = unique.length === 0 ? 'No characters yet.'
      : unique.length + ' unique character' + (unique.length === 1 ? '' : 's') + ', ids 0 to ' + (unique.length - 1)
        + '; BOS would get id ' + unique.length + ', so this vocabulary would have ' + (unique.length + 1) + ' tokens.';
  }
  input.addEventListener('input', debounce(show, 80));
  await show();
}
