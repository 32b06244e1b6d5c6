// Offers to restore unsaved recordings and analysed files kept as drafts (src/storage/drafts.ts) after a reload,
// a crash or a closed tab: save one to a profile, download its poses, or discard it.
import { serializePoses, type PosesFileV1 } from '../../shared/poses-format';
import type { DraftRecord, GanglagDb, Profile } from '../../storage';
import { clear, downloadBlob, h } from '../dom';
import { t } from '../i18n';

export interface DraftsCardOptions {
  db: GanglagDb;
  /** Profiles a draft may be saved to; the current one first. */
  profiles: readonly Profile[];
  /** Text for a storage error. */
  errorText: (err: unknown) => string;
  /** Called after a draft was saved or discarded, so the view can refresh. */
  onChange: () => void;
  /** Offers "Restore": makes the draft the current recording (the capture view at start-up). */
  onRestore?: (draft: DraftRecord, poses: PosesFileV1) => void;
  /** The line under the title (default: the Progress tab's). */
  hint?: string;
}

/** Renders the drafts card into `host` (hidden when there are none). */
export async function renderDraftsCard(host: HTMLElement, opts: DraftsCardOptions): Promise<void> {
  const drafts = await opts.db.drafts.listDrafts();
  clear(host);
  host.hidden = drafts.length === 0;
  if (drafts.length === 0) return;
  const msg = h('p', { class: 'pg-msg', role: 'status', 'data-testid': 'pg-drafts-msg' });
  host.append(
    h('h2', {}, t('progress.drafts.title')),
    h('p', { class: 'hint' }, opts.hint ?? t('progress.drafts.hint')),
  );
  const list = h('ul', { class: 'pg-drafts' });
  for (const d of drafts) list.append(draftRow(d, opts, msg));
  host.append(list, msg);
}

function draftRow(d: DraftRecord, opts: DraftsCardOptions, msg: HTMLElement): HTMLElement {
  const run =
    (fn: () => Promise<void>, refresh = true) =>
    async () => {
      try {
        await fn();
        if (refresh) opts.onChange();
      } catch (err) {
        if (err instanceof DraftKept) return;
        msg.textContent = opts.errorText(err);
        msg.className = 'pg-msg error';
      }
    };
  const select = h('select', {
    'data-testid': 'pg-draft-profile',
    'aria-label': t('progress.drafts.profile'),
  });
  for (const p of opts.profiles)
    select.append(h('option', { value: p.id, selected: p.id === d.profileId }, p.pseudonym));
  const when = new Date(d.startedAt).toLocaleString();
  const seconds = d.frameCount / Math.max(1, d.header.fps);
  return h(
    'li',
    { 'data-testid': 'pg-draft', 'data-draft-id': d.id, 'data-frames': d.frameCount },
    h(
      'span',
      { class: 'pg-grow' },
      t(d.origin === 'recording' ? 'progress.drafts.recording' : 'progress.drafts.file', {
        when,
        kind: t(`progress.kind.${d.kind}`),
        seconds: seconds.toFixed(0),
      }),
      d.analysis ? '' : ` ${t('progress.drafts.notAnalysed')}`,
    ),
    d.analysis && opts.profiles.length > 0 ? select : null,
    d.analysis && opts.profiles.length > 0
      ? h(
          'button',
          {
            type: 'button',
            class: 'pg-primary',
            'data-testid': 'pg-draft-save',
            onclick: run(async () => {
              await opts.db.saveDraftAsSession(d.id, { profileId: select.value });
            }),
          },
          t('progress.drafts.save'),
        )
      : null,
    opts.onRestore
      ? h(
          'button',
          {
            type: 'button',
            class: 'pg-primary',
            'data-testid': 'draft-restore',
            // Restoring changes nothing stored: the draft stays until it is saved or discarded.
            onclick: run(async () => {
              const { draft, poses } = await opts.db.drafts.loadDraft(d.id);
              opts.onRestore?.(draft, poses);
            }, false),
          },
          t('drafts.restore'),
        )
      : null,
    h(
      'button',
      {
        type: 'button',
        'data-testid': 'pg-draft-download',
        onclick: run(async () => {
          const { poses } = await opts.db.drafts.loadDraft(d.id);
          downloadBlob(
            new Blob([serializePoses(poses)], { type: 'application/json' }),
            `ganglag-draft-${d.startedAt.slice(0, 10)}.poses.json`,
          );
        }),
      },
      t('progress.drafts.download'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'pg-danger',
        'data-testid': 'pg-draft-discard',
        onclick: run(async () => {
          if (!confirm(t('progress.drafts.confirmDiscard', { when }))) throw new DraftKept();
          await opts.db.drafts.discardDraft(d.id);
        }),
      },
      t('progress.drafts.discard'),
    ),
  );
}

/** Thrown when the user cancels a discard, so nothing is refreshed or reported. */
class DraftKept extends Error {}
