// The Spine tab: the guided protocols, "analyse as <test>" for a recorded video, and the test hook.
import './spine.css';
import { analyzeRecordingDetailed, detectRecordingTest } from '../../analysis/recording';
import type { SpineAnalysis } from '../../analysis/spine/index';
import type { SpineTestId } from '../../shared/analysis-format';
import type { PosesFileV1 } from '../../shared/poses-format';
import { meters } from '../../shared/units';
import { appState, onActiveProfile, onRecording, publishAnalysis } from '../app-state';
import { clear, h } from '../dom';
import { heightInput } from '../height-input';
import { onLangChange, t } from '../i18n';
import { savePanel, type SaveTarget } from '../save/save-panel';
import type { AppView, ViewContext } from '../view';
import { GuidedPanel } from './guided-panel';
import { PROTOCOLS, protocolForTest, type ProtocolId } from './protocols';
import { isWrongTest, renderResults } from './results';
import { Speaker } from './speech';

const TESTS: readonly SpineTestId[] = ['forward-flexion', 'extension', 'lateral-flexion', 'posture'];

let activePanel: GuidedPanel | null = null;

/** Browser-test hook (window.__ganglag.spine): drives the open guided panel with synthetic poses. */
export const spineTestHook = {
  /** Plays a ganglag.poses/v1 recording through the open panel instead of the camera. */
  feed(file: PosesFileV1): boolean {
    if (!activePanel) return false;
    activePanel.feed(file);
    return true;
  },
  state(): string | null {
    return activePanel?.state ?? null;
  },
};

export function createSpineView(ctx: ViewContext): AppView {
  const el = h('section', { class: 'spine-view', 'data-testid': 'spine-view' });
  const speaker = new Speaker();
  let fileResult: {
    rec: PosesFileV1;
    test: SpineTestId;
    analysis: SpineAnalysis;
    published: SaveTarget | null;
  } | null = null;
  let detected: { rec: PosesFileV1; test: SpineTestId | null } | null = null;

  function startProtocol(id: ProtocolId): void {
    activePanel?.destroy();
    const protocol = PROTOCOLS.find((p) => p.id === id);
    if (!protocol) return;
    const panel = new GuidedPanel(ctx, protocol, speaker, () => {
      panel.destroy();
      if (activePanel === panel) activePanel = null;
      render();
    });
    activePanel = panel;
    clear(ctx.capture.sidePanel);
    ctx.capture.sidePanel.append(panel.el);
    // The test runs in this tab, on the capture view borrowed from the Live tab (which takes it back when shown).
    if (el.isConnected) render();
    else ctx.show('spine');
    void panel.start();
  }

  /** The open test's panel, unless another protocol (the guided gait test) took the side panel. */
  function openPanel(): GuidedPanel | null {
    if (activePanel && activePanel.el.parentElement !== ctx.capture.sidePanel) {
      activePanel.destroy();
      activePanel = null;
    }
    return activePanel;
  }

  function analyseFile(rec: PosesFileV1, test: SpineTestId): void {
    const heightM = appState.heightM ?? rec.subject.heightM;
    // The one analysis entry point, as the test chosen: its result is what is saved, its spine part is drawn.
    const d = analyzeRecordingDetailed(rec, {
      test,
      heightM: heightM === undefined ? undefined : meters(heightM),
    });
    const analysis = d.spine;
    if (!analysis) return; // a spine test always has its spine analysis
    // A walk analysed as a spine test gives no numbers, so nothing is offered for saving either.
    const published: SaveTarget | null = isWrongTest(analysis)
      ? null
      : {
          recording: rec,
          analysis: d.result,
          kind: test === 'posture' ? 'posture' : 'spine',
          protocol: protocolForTest(test).id,
        };
    fileResult = { rec, test, analysis, published };
    if (published) publishAnalysis(published);
    render();
  }

  function fileSection(): HTMLElement {
    const sec = h(
      'section',
      { class: 'spine-file', 'data-testid': 'spine-file' },
      h('h3', {}, t('spine.file.title')),
    );
    const rec = appState.recording;
    if (!rec || rec.frames.length < 2) {
      sec.append(h('p', { class: 'hint' }, t('spine.file.none')));
      return sec;
    }
    if (detected?.rec !== rec) detected = { rec, test: detectRecordingTest(rec) };
    const found = detected.test;
    sec.append(
      h('p', {}, t('spine.file.recording', { name: rec.source?.name ?? '–', frames: rec.frames.length })),
      h(
        'p',
        { 'data-testid': 'spine-detected', 'data-test': found ?? '' },
        found ? t('spine.file.detected', { test: t(`spine.protocol.${found}`) }) : t('spine.file.undetected'),
      ),
    );
    if (rec.skeleton === 'coco17') sec.append(h('p', { class: 'hint' }, t('spine.file.coco')));
    const buttons = h('div', { class: 'spine-buttons' });
    const order = found ? [found, ...TESTS.filter((x) => x !== found)] : TESTS;
    for (const test of order) {
      buttons.append(
        h(
          'button',
          {
            type: 'button',
            class: test === found ? 'primary' : undefined,
            'data-testid': `spine-analyse-${test}`,
            onclick: () => analyseFile(rec, test),
          },
          t('spine.file.analyseAs', { test: t(`spine.protocol.${test}`) }),
        ),
      );
    }
    sec.append(buttons);
    if (fileResult && fileResult.rec === rec) {
      sec.append(h('h4', {}, t(`spine.protocol.${fileResult.test}`)), renderResults(fileResult.analysis));
      if (fileResult.published) sec.append(savePanel(fileResult.published, ctx));
    }
    return sec;
  }

  function render(): void {
    clear(el);
    if (openPanel()) {
      el.append(ctx.capture.el);
      return;
    }
    const height = heightInput('spine-height');
    const list = h('ul', { class: 'spine-protocols' });
    for (const p of PROTOCOLS) {
      const reps = p.steps.reduce((n, s) => n + (s.kind === 'reps' ? s.reps : 0), 0);
      const views = [...new Set(p.steps.map((s) => t(`spine.view.${s.view}`)))].join(' → ');
      list.append(
        h(
          'li',
          { class: 'spine-protocol', 'data-protocol': p.id },
          h('h3', {}, t(`spine.protocol.${p.id}`)),
          h('p', { class: 'spine-meta' }, reps ? `${views} · ${t('spine.reps', { n: reps })}` : views),
          h('p', {}, t(`spine.protocol.${p.id}.desc`)),
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-testid': `spine-start-${p.id}`,
              // Four buttons read "Start": the accessible name says which test each starts.
              'aria-label': `${t('spine.start')}: ${t(`spine.protocol.${p.id}`)}`,
              onclick: () => startProtocol(p.id),
            },
            t('spine.start'),
          ),
        ),
      );
    }
    el.append(
      h('h2', {}, t('spine.title')),
      h('p', { class: 'spine-intro' }, t('spine.intro')),
      h(
        'p',
        { class: 'spine-height' },
        h('label', {}, t('spine.height'), ' ', height),
        ' ',
        h('span', { class: 'hint' }, t('spine.heightHint')),
      ),
      list,
      fileSection(),
    );
  }

  onLangChange(() => render());
  // The active profile's height fills the height field (the open test's panel reads appState when it needs it).
  onActiveProfile(() => {
    if (el.isConnected && !activePanel) render();
  });
  onRecording(() => {
    if (el.isConnected) render();
  });
  render();
  return { id: 'spine', label: 'nav.spine', el, onShow: render };
}
