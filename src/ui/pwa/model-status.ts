// Pose-model download status: the size of the chosen model before it is fetched, and a progress bar while its
// files download and are cached (reported per file by workers/model-loader.ts on a BroadcastChannel).
import { MODEL_FILE_BYTES } from 'virtual:ganglag-model-sizes';
import type { ModelFileProgress, ModelProgressChannel } from '../../../workers/model-loader';
import { modelInfo, modelsOf, type ModelChoice } from '../../shared/models';
import { cacheModel, missingFiles } from './model-cache';
import { h } from '../dom';
import { t } from '../i18n';

const CHANNEL: ModelProgressChannel = 'ganglag-model-load';

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export interface ModelStatus {
  el: HTMLElement;
  /**
   * Re-checks the cache for the chosen model (both models of 'auto') and re-renders (call when the model changes
   * or the language does).
   */
  refresh(model: ModelChoice): void;
  /** Downloads the chosen model(s) into the cache now, with the progress bar (after the service worker is installed). */
  prefetch(model: ModelChoice): Promise<boolean>;
}

/** The models' names as the note shows them ('auto': both, joined). */
function namesOf(choice: ModelChoice): string {
  return choice === 'auto'
    ? modelsOf(choice)
        .map((m) => t(`model.${m}`))
        .join(' + ')
    : t(`model.${choice}`);
}

function filesOf(choice: ModelChoice): string[] {
  return [...new Set(modelsOf(choice).flatMap((m) => modelInfo(m).files))];
}

export function createModelStatus(initial: ModelChoice): ModelStatus {
  const note = h('p', { class: 'pwa-model-note', 'data-testid': 'model-size' });
  const label = h('span', { id: 'pwa-model-progress-label' });
  const bar = h('progress', {
    max: 1,
    value: 0,
    'aria-labelledby': 'pwa-model-progress-label',
    'data-testid': 'model-progress',
  });
  const progress = h('div', { class: 'pwa-model-progress', hidden: true }, label, bar);
  // The bar itself is hidden too: other views wait on `progress:not([hidden])` for their own work to finish.
  bar.hidden = true;
  const el = h('div', { class: 'pwa-model', 'aria-live': 'polite' }, note, progress);
  let model = initial;
  let seq = 0;
  // Bytes per file of the load in flight; several pool workers report the same files, the furthest one counts.
  const loading = new Map<string, { loaded: number; total: number; network: boolean; done: boolean }>();

  const renderNote = async (): Promise<void> => {
    const mine = ++seq;
    const missing = [...new Set((await Promise.all(modelsOf(model).map(missingFiles))).flat())];
    if (mine !== seq) return;
    const bytes = missing.reduce((n, f) => n + (MODEL_FILE_BYTES[f] ?? NaN), 0);
    const name = namesOf(model);
    note.textContent =
      missing.length === 0
        ? t('pwa.model.stored', { model: name })
        : Number.isFinite(bytes)
          ? t('pwa.model.toDownload', { model: name, mb: mb(bytes) })
          : t('pwa.model.toDownloadUnknown', { model: name });
  };

  const renderProgress = (): void => {
    if (![...loading.values()].some((e) => e.network && !e.done)) {
      progress.hidden = bar.hidden = true;
      return;
    }
    const files = filesOf(model);
    let total = 0;
    let loaded = 0;
    for (const f of files) {
      const e = loading.get(f);
      const size = MODEL_FILE_BYTES[f] ?? e?.total ?? NaN;
      total += Number.isFinite(size) ? size : 0;
      loaded += e ? (e.done ? (e.total > 0 ? e.total : e.loaded) : e.loaded) : 0;
    }
    progress.hidden = bar.hidden = false;
    bar.max = Math.max(total, 1);
    bar.value = Math.min(loaded, bar.max);
    label.textContent = t('pwa.model.downloading', {
      model: namesOf(model),
      done: mb(loaded),
      total: mb(total),
    });
  };

  const onProgress = (p: ModelFileProgress): void => {
    // A file loaded again (another pool worker, a later session) starts a fresh entry.
    if (p.state === 'start' && loading.get(p.file)?.done) loading.delete(p.file);
    const cur = loading.get(p.file) ?? { loaded: 0, total: NaN, network: false, done: false };
    cur.network ||= p.source === 'network';
    cur.loaded = Math.max(cur.loaded, p.loadedBytes);
    if (Number.isFinite(p.totalBytes)) cur.total = p.totalBytes;
    if (p.state === 'done' || p.state === 'error') cur.done = true;
    loading.set(p.file, cur);
    renderProgress();
    if (p.state === 'done' || p.state === 'error') void renderNote();
  };
  if (typeof BroadcastChannel === 'function') {
    const ch = new BroadcastChannel(CHANNEL);
    ch.onmessage = (ev: MessageEvent<ModelFileProgress>) => {
      if (ev.data?.kind === 'model-file') onProgress(ev.data);
    };
  }

  void renderNote();
  return {
    el,
    refresh(m) {
      if (m !== model) loading.clear();
      model = m;
      renderProgress();
      void renderNote();
    },
    async prefetch(m) {
      let ok = true;
      // One after the other: the progress bar sums the files of all of them.
      for (const id of modelsOf(m)) ok = (await cacheModel(id, onProgress)) && ok;
      void renderNote();
      return ok;
    },
  };
}
