// A yes/no question in a native modal <dialog>: focus moves into it, Tab stays in it, Escape answers no.
import { h } from '../dom';

export interface ConfirmText {
  title: string;
  text: string;
  yes: string;
  no: string;
}

/** Asks in a modal dialog appended to `host`; resolves true only for the "yes" button. */
export function confirmDialog(host: HTMLElement, text: ConfirmText, testid: string): Promise<boolean> {
  const titleId = `${testid}-title`;
  const dialog = h(
    'dialog',
    { class: 'confirm-dialog', 'data-testid': testid, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, text.title),
    h('p', {}, text.text),
  );
  const no = h(
    'button',
    { type: 'button', 'data-testid': `${testid}-no`, onclick: () => dialog.close('no') },
    text.no,
  );
  const yes = h(
    'button',
    { type: 'button', class: 'danger', 'data-testid': `${testid}-yes`, onclick: () => dialog.close('yes') },
    text.yes,
  );
  dialog.append(h('div', { class: 'confirm-buttons' }, no, yes));
  host.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes');
      dialog.remove();
    });
    dialog.showModal();
    no.focus(); // the safe answer has the focus
  });
}
