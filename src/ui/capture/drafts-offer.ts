// The capture view's side of drafts: at start-up it offers a draft that a reload, a crash or a closed tab left
// unsaved (restoring makes it the current recording), and before a new recording or file replaces a recording that
// exists only as a draft it asks first.
import type { PosesFileV1 } from '../../shared/poses-format';
import type { DraftRecord } from '../../storage';
import { appState } from '../app-state';
import { h } from '../dom';
import { renderDraftsCard } from '../drafts/drafts-card';
import { isUnsaved, rememberDraft, type DraftWriter } from '../drafts/draft-writer';
import { restoredRecording } from '../drafts/restore';
import { t } from '../i18n';
import { errorText } from '../progress/util';
import { confirmDialog } from './confirm';

export class DraftsOffer {
  readonly el = h('div', {
    class: 'pg-card capture-drafts',
    'data-testid': 'capture-drafts',
    hidden: true,
  });
  private dismissed = false;

  constructor(
    private readonly writer: DraftWriter,
    private readonly onRestore: (rec: PosesFileV1, draft: DraftRecord) => void,
    private readonly onError: (text: string) => void,
  ) {}

  /** Shows the drafts there are (none: hidden), unless the user has moved on to a new recording. */
  async offer(): Promise<void> {
    if (this.dismissed) return;
    const db = await this.writer.db();
    if (!db) return;
    try {
      await renderDraftsCard(this.el, {
        db,
        profiles: [],
        errorText,
        hint: t('drafts.hint'),
        onChange: () => void this.offer(),
        onRestore: (draft, poses) => {
          const rec = restoredRecording(draft.origin, poses);
          rememberDraft(rec, draft.id);
          this.dismiss();
          this.onRestore(rec, draft);
        },
      });
      if (this.dismissed) this.el.hidden = true;
    } catch (err) {
      this.onError(errorText(err));
    }
  }

  /** The user moved on (restored one, or started something new); the drafts stay listed under Progress. */
  dismiss(): void {
    this.dismissed = true;
    this.el.hidden = true;
  }

  /** True when nothing unsaved would be lost, or the user agreed to discard it (its draft goes too). */
  async mayReplace(dialogHost: HTMLElement): Promise<boolean> {
    const rec = appState.recording;
    if (!(await isUnsaved(rec, () => this.writer.db()))) return true;
    const yes = await confirmDialog(
      dialogHost,
      { title: t('replace.title'), text: t('replace.text'), yes: t('replace.yes'), no: t('replace.no') },
      'replace-dialog',
    );
    if (yes && rec) this.writer.discardFor(rec);
    return yes;
  }
}
