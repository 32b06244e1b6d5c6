// "Choose a video…": a real button (Tab reaches it, Enter and Space open the picker) in front of a visually
// hidden file input, and a drop zone around both.
import { h } from '../dom';
import { t } from '../i18n';

export function filePicker(onFile: (file: File) => void): HTMLElement {
  const input = h('input', {
    type: 'file',
    class: 'visually-hidden',
    tabindex: -1,
    'aria-hidden': 'true',
    accept: 'video/*,.mp4,.webm,.mov,.mkv',
    'data-testid': 'file-input',
    onchange: () => {
      const f = input.files?.[0];
      input.value = ''; // the same file picked again is a new choice
      if (f) onFile(f);
    },
  });
  const button = h(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'choose-file', onclick: () => input.click() },
    t('source.chooseFile'),
  );
  const drop = h(
    'div',
    { class: 'dropzone', 'data-testid': 'dropzone' },
    button,
    input,
    h('span', {}, t('source.drop')),
  );
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const f = ev.dataTransfer?.files?.[0];
    if (f) onFile(f);
  });
  return drop;
}
