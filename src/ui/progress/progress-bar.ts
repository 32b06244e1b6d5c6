// A labelled <progress> for long backup exports and imports; fed by the storage layer's progress callbacks.
import type { BackupProgress } from '../../storage';
import { h } from '../dom';

export interface ProgressBar {
  el: HTMLElement;
  update: (p: BackupProgress) => void;
}

export function progressBar(label: string, testId: string): ProgressBar {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': label, 'data-testid': testId });
  const text = h('span', { class: 'hint' }, label);
  const el = h('div', { class: 'pg-progress' }, text, bar);
  let last = 0;
  return {
    el,
    update: ({ done, total }) => {
      // A DOM write per record would cost more than the record; about 100 updates are enough.
      if (total > 0 && done !== total && done - last < total / 100) return;
      last = done;
      bar.max = Math.max(1, total);
      bar.value = done;
      text.textContent = `${label} ${done} / ${total}`;
    },
  };
}
