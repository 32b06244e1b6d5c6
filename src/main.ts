// Entry point: language, the app shell with its views, and (test builds only) a small hook for the browser tests.
import './ui/styles.css';
import { appState, onActiveProfile } from './ui/app-state';
import { CaptureView } from './ui/capture-view';
import { createClinicalTestsView } from './ui/clinical-tests/clinical-tests-view';
import { initClockFromUrl, setNow } from './ui/clock';
import { clear, h } from './ui/dom';
import { gaitView } from './ui/gait';
import { createProgressView } from './ui/progress/progress-view';
import { createSpineView, spineTestHook } from './ui/spine/spine-view';
import { addBusyCheck, createModelStatus, createPersistencePrompt, startServiceWorker } from './ui/pwa';
import {
  getLang,
  initLang,
  isI18nKey,
  LANGS,
  onLangChange,
  setLang,
  t,
  type I18nKey,
  type Lang,
} from './ui/i18n';
import { focusHeading, keepFocus } from './ui/shell/focus';
import { createStartView } from './ui/start/start-view';
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
const views: AppView[] = [
  createStartView({
    gait: () => startGuided('gait'),
    spine: () => show('spine'),
    video: () => {
      show('live');
      // The file picker is the visually hidden input inside the "Choose a video…" button (styles.css).
      capture.el.querySelector<HTMLElement>('[data-testid=file-input]')?.focus();
    },
    profiles: () => show('progress'),
  }),
  { id: 'live', label: 'nav.live', el: capture.el },
];
// VIEW-REGISTRATIONS (keep this marker)
views.push(gaitView(ctx));
views.push(createSpineView(ctx));
views.push(createProgressView(ctx));
views.push(createClinicalTestsView(ctx));

/** A view's guided test; until a view offers startGuided(), its "guided test" button stands in for it. */
function startGuided(id: string): void {
  const v = views.find((x) => x.id === id);
  if (!v) return;
  if (v.startGuided) {
    v.startGuided();
    return;
  }
  show(id);
  v.el.querySelector<HTMLButtonElement>(`[data-testid=${id}-guided-open]`)?.click();
}

/** The view named in the address (#gait), so a reload stays where the user was; the start page otherwise. */
function viewFromHash(): string {
  const id = decodeURIComponent(location.hash.slice(1));
  return views.some((v) => v.id === id) ? id : 'start';
}

let active = '';
const title = h('h1', { class: 'view-title', tabindex: -1, 'data-testid': 'view-title' });
const profileBtn = h('button', {
  type: 'button',
  class: 'header-profile',
  'data-testid': 'header-profile',
  onclick: () => show('progress'),
});

function renderProfile(): void {
  const p = appState.profile;
  profileBtn.textContent = !p
    ? t('shell.noProfile')
    : p.pseudonym
      ? t('shell.profile', { name: p.pseudonym })
      : t('shell.profileUnnamed');
  profileBtn.classList.toggle('none', !p);
  profileBtn.title = t('shell.profileHint');
}

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
  renderProfile();
  header.append(
    h(
      'a',
      { class: 'brand', href: '#start', title: t('shell.home'), 'data-testid': 'home' },
      h('span', { class: 'brand-name' }, t('app.title')),
      h('span', { class: 'brand-tagline' }, t('app.tagline')),
    ),
    nav,
    h('div', { class: 'header-tools' }, profileBtn, langSel),
  );
  const v = views.find((x) => x.id === active);
  if (v) {
    title.textContent = t(isI18nKey(`view.${v.id}`) ? (`view.${v.id}` as I18nKey) : (v.label as I18nKey));
    document.title = v.id === 'start' ? t('app.title') : `${title.textContent} – ${t('app.title')}`;
  }
  notices.setAttribute('aria-label', t('pwa.region'));
  update.render();
  persistence.render();
  modelStatus.refresh(appState.model);
  clear(footer);
  footer.append(h('p', {}, t('app.privacy')), h('p', {}, t('app.screening')));
  if (refocus) header.querySelector<HTMLElement>(refocus)?.focus();
}

/** Shows a view; when the view changes (not on first load), keyboard focus moves to its heading. */
function show(id: string, opts: { focus?: boolean } = {}): void {
  const v = views.find((x) => x.id === id) ?? views[0];
  const changed = v.id !== active;
  // Re-showing the same view (a guided test opening in it) must not drop focus with the nodes moved below.
  const prevFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  active = v.id;
  clear(main);
  main.append(title, v.el);
  v.onShow?.();
  renderShell();
  if (location.hash !== `#${v.id}`) history.replaceState(history.state, '', `#${v.id}`);
  if (changed && opts.focus !== false) focusHeading(title);
  else if (prevFocus?.isConnected && document.activeElement !== prevFocus) prevFocus.focus();
}

/** Where focus goes when the control it was on disappears: the open guided panel, else the view's heading. */
function focusFallback(): HTMLElement | null {
  const panel = capture.sidePanel;
  if (panel.isConnected && panel.firstElementChild)
    return panel.querySelector<HTMLElement>('h2, h3, h4') ?? (panel.firstElementChild as HTMLElement);
  return title.isConnected ? title : null;
}

onLangChange(renderShell);
onActiveProfile(renderProfile);
window.addEventListener('hashchange', () => show(viewFromHash()));
root.append(header, notices, main, footer);
keepFocus(root, { fallback: focusFallback });
void ctx;
show(viewFromHash(), { focus: false });

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
