// 0.7 and 5.4: names the trained model writes. The seeded run's 20 names first; a re-roll
// button asks the engine for names drawn from the same model with a new seed (the server, or the
// engine in this browser on an exported site).
import { ask, getJson, el, uid } from './lib/guide-api.js';

export default async function mount(element, options = {}) {
  const step = Number(options.step || 0);
  const run = await getJson('api/runs/step' + step + '.json');
  const list = el('ol', { className: 'samples-list', 'aria-live': 'polite' });
  const caption = el('p', { className: 'widget-readout samples-caption' });
  const controls = el('div', { className: 'widget-controls' });
  element.replaceChildren(controls, caption, list);

  function show(names, seed, fromRun) {
    list.replaceChildren(...names.map((name) => el('li', { text: name })));
    caption.textContent = names.length + ' names from the trained Step ' + step + ' model, '
      + (fromRun ? 'the seeded run (seed ' + seed + ')' : 'sampled with seed ' + seed) + '.';
  }
  show(run.samples, run.seed, true);

  {
    const status = el('span', { className: 'samples-status', 'aria-live': 'polite' });
    const button = el('button', { type: 'button', className: 'samples-reroll', text: 'Re-roll', id: uid('samples-reroll') });
    button.addEventListener('click', async () => {
      const seed = newSeed();
      button.disabled = true;
      try {
        const answer = await ask('samples', { step, seed, count: run.samples.length });
        show(answer.samples, answer.seed, false);
        status.textContent = '';
      } catch (error) {
        status.textContent = error.message;
        status.className = 'samples-status widget-error';
      } finally {
        button.disabled = false;
        button.focus();
      }
    });
    controls.append(button, status);
  }
}

/** A fresh seed (a non-negative 32-bit number, easy to read and to type into the CLI). */
function newSeed() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
