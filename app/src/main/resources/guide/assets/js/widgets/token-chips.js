// 0.2: type a name and see it as the model sees it: token chips, BOS on both ends. A character
// outside the vocabulary is refused, with the engine's message.
import { ask, el, tokenChip, debounce, uid } from './lib/guide-api.js';

export default async function mount(element, options = {}) {
  const id = uid('token-chips');
  const input = el('input', { type: 'text', id, className: 'token-chips-input', value: options.name || 'ava', maxLength: 64,
    autocomplete: 'off', spellcheck: false });
  const output = el('div', { className: 'widget-output token-chips-output', 'aria-live': 'polite' });
  const ids = el('p', { className: 'widget-readout token-chips-ids' });
  element.replaceChildren(el('label', { htmlFor: id, text: 'Name: ' }), input, output, ids);

  let latest = 0;
  async function show() {
    const asked = ++latest;
    try {
      const answer = await ask('tokenize', { text: input.value });
      if (asked !== latest) return;
      input.removeAttribute('aria-invalid');
      output.replaceChildren(...answer.tokens.map(tokenChip));
      ids.textContent = 'ids: [' + answer.tokens.map((t) => t.id).join(', ') + ']';
    } catch (error) {
      if (asked !== latest) return;
      input.setAttribute('aria-invalid', 'true');
      const outside = new Set((error.body && error.body.outside) || []);
      output.replaceChildren(flagged(input.value, outside),
        el('p', { className: 'widget-error token-chips-error', role: 'alert', text: error.message }));
      ids.textContent = '';
    }
  }
  input.addEventListener('input', debounce(show, 80));
  await show();
}

/** The typed text with each character the vocabulary lacks marked (for the eye; the message says it in words). */
function flagged(text, outside) {
  if (outside.size === 0) return null;
  return el('p', { className: 'token-chips-flagged', 'aria-hidden': 'true' },
    Array.from(text, (c) => (outside.has(c) ? el('mark', { className: 'token-chips-bad', text: c === ' ' ? '␣' : c }) : c)));
}
