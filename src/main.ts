// Entry point: language, the app shell with its views, and (test builds only) a small hook for the browser tests.
import './ui/styles.css';
import { appState } from './ui/app-state';
import { CaptureView } from './ui/capture-view';
import { createClinicalTestsView } from './ui/clinical-tests/clinical-tests-view';
import { initClockFromUrl, setNow } from './ui/clock';
import { clear, h } from './ui/dom';
import { gaitView } from './ui/gait';
import { createProgressView } from './ui/progress/progress-view';
import { createSpineView, spineTestHook } from './ui/spine/spine-view';
import { addBusyCheck, createModelStatus, createPersistencePrompt, startServiceWorker } from './ui/pwa';
import { getLang, initLang, LANGS, onLangChange, setLang, t, type Lang } from './ui/i18n';
import type { AppView, ViewContext } from './ui/view';

initLang();
// Test hooks (window.__ganglag, ?now=) exist only in `vite build --mode e2e` builds; production drops them.
const TEST_HOOKS = import.meta.env.MODE === 'e2e';
initClockFromUrl(location.search, TEST_HOOKS);
const root = document.getElementById('app');
if (!root) throw new Error('#app missing');

const capture = new CaptureView();
// ?workers=N caps the file-analysis pool (the bench compares one worker with the pool).
const workersParam = Number(new URLSearchParams(location.search).get('workers'));
if (workersParam >= 1) capture.poolSize = workersParam;
const header = h('header', { class: 'app-header' });
const main = h('main', {});
const footer = h('footer', {});
const ctx: ViewContext = { capture, show: (id) => show(id) };

// Installable app: update prompt (held back while recording), model size/progress, storage persistence.
const update = startServiceWorker();
addBusyCheck(() => capture.isRecording);
// A file being analysed shows the capture view's progress bar. Until the capture view calls holdUpdates() for file
// analysis itself, that visible bar is the signal.
addBusyCheck(() => capture.el.querySelector('.progress-row progress:not([hidden])') !== null);
const modelStatus = createModelStatus(appState.model);
// The capture view owns the model select; follow its changes without reaching into it.
document.addEventListener('change', (ev) => {
  if ((ev.target as HTMLElement | null)?.dataset?.testid === 'model') modelStatus.refresh(appState.model);
});
// Once the app shell is cached, the chosen model is cached too, so the next visit analyses offline.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  void navigator.serviceWorker.ready.then(() => modelStatus.prefetch(appState.model));
const persistence = createPersistencePrompt();
const notices = h('section', { class: 'pwa-notices' }, update.el, persistence.el, modelStatus.el);

// Views, in tab order. Each feature view registers here with one line.
const views: AppView[] = [{ id: 'live', label: 'nav.live', el: capture.el }];
// VIEW-REGISTRATIONS (keep this marker)
views.push(gaitView(ctx));
views.push(createSpineView(ctx));
views.push(createProgressView(ctx));
views.push(createClinicalTestsView(ctx));

let active = 'live';

function renderShell(): void {
  // The header is rebuilt: keep keyboard focus on the same control (a tab or the language select), not the body.
  const focused = header.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
  const refocus = focused?.dataset.view
    ? `[data-view="${focused.dataset.view}"]`
    : focused?.dataset.testid
      ? `[data-testid="${focused.dataset.testid}"]`
      : null;
  clear(header);
  const langSel = h('select', {
    'aria-label': t('lang.label'),
    'data-testid': 'lang',
    onchange: (ev) => setLang((ev.target as HTMLSelectElement).value as Lang),
  });
  for (const l of LANGS)
    langSel.append(
      h('option', { value: l, selected: l === getLang() }, l === 'en' ? 'English' : 'Norsk bokmål'),
    );
  const nav = h('nav', { 'aria-label': t('shell.nav') });
  for (const v of views) {
    nav.append(
      h(
        'button',
        {
          type: 'button',
          class: v.id === active ? 'tab active' : 'tab',
          'aria-current': v.id === active ? 'page' : undefined,
          'data-view': v.id,
          onclick: () => show(v.id),
        },
        t(v.label),
      ),
    );
  }
  header.append(
    h('div', { class: 'brand' }, h('h1', {}, t('app.title')), h('span', {}, t('app.tagline'))),
    nav,
    langSel,
  );
  notices.setAttribute('aria-label', t('pwa.region'));
  update.render();
  persistence.render();
  modelStatus.refresh(appState.model);
  clear(footer);
  footer.append(h('p', {}, t('app.privacy')), h('p', {}, t('app.screening')));
  if (refocus) header.querySelector<HTMLElement>(refocus)?.focus();
}

function show(id: string): void {
  active = id;
  clear(main);
  const v = views.find((x) => x.id === id) ?? views[0];
  main.append(v.el);
  v.onShow?.();
  renderShell();
}

onLangChange(renderShell);
root.append(header, notices, main, footer);
void ctx;
show('live');

// Test hook: read-only views of the pipeline for the browser tests and the bench.
if (TEST_HOOKS)
  Object.assign(window, {
    __ganglag: {
      metrics: capture.metrics,
      recording: () => appState.recording,
      memory: () => capture.workerMemory(),
      crashWorker: () => capture.crashWorkerForTest(),
      startCamera: () => capture.startCamera(),
      stop: () => capture.stop(),
      benchmarkRaw: (count: number, loops: number) => capture.benchmarkRaw(count, loops),
      resetMetrics: () => capture.resetMetrics(),
      setNow: (iso: string) => setNow(iso),
      analysis: () => appState.analysis,
      spine: spineTestHook,
    },
  });
