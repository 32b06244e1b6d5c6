// The Tests tab: camera setups with their floor reference (marked on a still frame of the camera or the video;
// saved, listed, shown, changed, deleted, one in use), and the guided walk, sit-to-stand and TUG tests.
import './clinical-tests.css';
import type { WalkPace } from '../../shared/clinical-tests';
import { formatNumber, LOCALES, renderReferenceProblem } from '../../shared/messages';
import { MAX_SETUP_NAME, referenceNotUsed } from '../../shared/reference';
import { clear, h } from '../dom';
import { getLang, onLangChange, t } from '../i18n';
import { Speaker } from '../spine/speech';
import type { AppView, ViewContext } from '../view';
import {
  isWalk,
  parseMetres,
  setupFromDraft,
  setupReferenceFor,
  type CameraSetup,
  type ClinicalTestId,
} from './logic';
import { ReferenceMarker } from './reference-marker';
import { inUseSetupId, openSetupStore, publishInUseSetup, setInUseSetupId } from './setup-store';
import { cameraStillSource, VideoStill } from './stills';
import { TestPanel } from './test-panel';

const TESTS: readonly ClinicalTestId[] = ['walk-4m', 'walk-10m', 'sit-to-stand-5', 'chair-stand-30s', 'tug'];
const PACES: readonly WalkPace[] = ['comfortable', 'fast'];

type Mode = { kind: 'new' } | { kind: 'edit'; setup: CameraSetup } | { kind: 'show'; setup: CameraSetup };

let openPanel: TestPanel | null = null;

export function createClinicalTestsView(ctx: ViewContext): AppView {
  const el = h('section', { class: 'ct-view', 'data-testid': 'ct-view' });
  const speaker = new Speaker();
  const marker = new ReferenceMarker();
  const distance = h('input', {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    id: 'ct-distance',
    'data-testid': 'ct-distance',
  });
  const name = h('input', {
    type: 'text',
    maxlength: MAX_SETUP_NAME,
    autocomplete: 'off',
    id: 'ct-name',
    'data-testid': 'ct-name',
  });
  const message = h('p', { class: 'ct-message', 'data-testid': 'ct-message', role: 'status' });
  const timeInput = h('input', {
    type: 'range',
    min: 0,
    max: 0,
    step: 0.1,
    value: 0,
    id: 'ct-time',
    'data-testid': 'ct-time',
  });
  let setups: CameraSetup[] = [];
  let inUse: string | null = inUseSetupId();
  let mode: Mode = { kind: 'new' };
  let still: VideoStill | null = null;
  let stillBusy: Promise<void> = Promise.resolve();

  const say = (text: string, kind: 'ok' | 'error' | 'info' = 'info'): void => {
    message.textContent = text;
    message.className = `ct-message ${kind}`;
    message.dataset.kind = kind;
  };
  const inUseSetup = (): CameraSetup | null => setups.find((s) => s.id === inUse) ?? null;

  async function loadSetups(): Promise<void> {
    try {
      setups = await (await openSetupStore()).list();
      if (inUse && !setups.some((s) => s.id === inUse)) inUse = null;
      publishInUseSetup(inUseSetup()); // the Gait tab scales by it too
    } catch (err) {
      say(t('ct.err.storage', { detail: (err as Error).message }), 'error');
    }
    render();
  }

  /** A frame of the analysed video at the chosen time, drawn for marking. */
  function grabVideo(): Promise<void> {
    const file = ctx.capture.lastFile;
    if (!file) {
      say(t('ct.mark.noVideo'), 'error');
      return Promise.resolve();
    }
    stillBusy = stillBusy.then(async () => {
      try {
        if (still?.file !== file) {
          still?.close();
          still = await VideoStill.open(file);
          timeInput.max = String(Math.floor(still.duration * 10) / 10);
          timeInput.value = String(Math.round(still.duration * 5) / 10);
        }
        await still.seek(Number(timeInput.value));
        marker.setStill(still.video, still.width, still.height);
        el.dataset.still = 'video';
        say('');
      } catch (err) {
        say(t('ct.err.frame', { detail: (err as Error).message }), 'error');
      }
    });
    return stillBusy;
  }

  function grabCamera(): void {
    const v = ctx.capture.isLive ? cameraStillSource(ctx.capture.el) : null;
    if (!v) {
      say(t('ct.mark.noCamera'), 'error');
      return;
    }
    marker.setStill(v, v.videoWidth, v.videoHeight);
    el.dataset.still = 'camera';
    say('');
  }
  timeInput.addEventListener('change', () => void grabVideo());

  function showSetup(s: CameraSetup, edit: boolean): void {
    mode = edit ? { kind: 'edit', setup: s } : { kind: 'show', setup: s };
    if (!marker.frame) marker.setBlank(s.frameWidthPx, s.frameHeightPx);
    const f = marker.frame;
    // On a still of another size (same view), the marks are scaled; another view has none to show.
    const ref = f ? setupReferenceFor(s, f) : s.ref;
    marker.setPoints(ref ? { x: ref.x1, y: ref.y1 } : null, ref ? { x: ref.x2, y: ref.y2 } : null);
    distance.value = formatNumber(s.ref.metres, getLang());
    name.value = s.name;
    say('');
    render();
  }

  async function save(): Promise<void> {
    const editing = mode.kind === 'edit' ? mode.setup : null;
    // A setup shown before any still keeps the frame size it was marked on.
    const f = marker.frame;
    if (!f) {
      say(t('ct.mark.noVideo'), 'error');
      return;
    }
    const [p1, p2] = marker.points;
    const made = setupFromDraft({ p1, p2, distance: distance.value, name: name.value }, f, editing?.id);
    if ('problem' in made) {
      const p = made.problem;
      switch (p) {
        case 'points':
        case 'distance':
        case 'name-blank':
        case 'name-control-chars':
          say(t(`ct.err.${p}`), 'error');
          return;
        case 'name-too-long':
          say(t('ct.err.name-too-long', { max: MAX_SETUP_NAME }), 'error');
          return;
        default:
          say(
            t('ct.err.reference', {
              detail: renderReferenceProblem(
                referenceNotUsed(p, parseMetres(distance.value) ?? NaN, f),
                getLang(),
              ),
            }),
            'error',
          );
          return;
      }
    }
    let saved: CameraSetup;
    try {
      saved = await (await openSetupStore()).put(made.input);
    } catch (err) {
      say(t('ct.err.storage', { detail: (err as Error).message }), 'error');
      return;
    }
    inUse = saved.id;
    setInUseSetupId(inUse);
    mode = { kind: 'show', setup: saved };
    await loadSetups();
    say(t('ct.setup.saved', { name: saved.name }), 'ok');
  }

  async function remove(s: CameraSetup): Promise<void> {
    if (!window.confirm(t('ct.setup.deleteConfirm', { name: s.name }))) return;
    try {
      await (await openSetupStore()).delete(s.id);
    } catch (err) {
      say(t('ct.err.storage', { detail: (err as Error).message }), 'error');
      return;
    }
    if (inUse === s.id) {
      inUse = null;
      setInUseSetupId(null);
    }
    if (mode.kind !== 'new' && mode.setup.id === s.id) mode = { kind: 'new' };
    await loadSetups();
    say(t('ct.setup.deleted', { name: s.name }), 'ok');
  }

  function setupList(): HTMLElement {
    if (setups.length === 0)
      return h('p', { class: 'muted', 'data-testid': 'ct-setups-empty' }, t('ct.setup.none'));
    const lang = getLang();
    const list = h('ul', {
      class: 'ct-setups',
      'data-testid': 'ct-setups',
      'aria-label': t('ct.setup.list'),
    });
    for (const s of setups) {
      const used = s.id === inUse;
      list.append(
        h(
          'li',
          { class: used ? 'ct-setup in-use' : 'ct-setup', 'data-setup': s.id, 'data-name': s.name },
          h('strong', {}, s.name),
          used ? h('span', { class: 'badge within', 'data-testid': 'ct-in-use' }, t('ct.setup.inUse')) : '',
          h(
            'span',
            { class: 'muted small' },
            t('ct.setup.summary', {
              metres: formatNumber(s.ref.metres, lang),
              width: s.frameWidthPx,
              height: s.frameHeightPx,
              date: new Date(s.updatedAt).toLocaleDateString(LOCALES[lang]),
            }),
          ),
          h(
            'span',
            { class: 'ct-setup-buttons' },
            used
              ? ''
              : h(
                  'button',
                  {
                    type: 'button',
                    'data-action': 'use',
                    onclick: () => {
                      inUse = s.id;
                      setInUseSetupId(s.id);
                      publishInUseSetup(inUseSetup());
                      render();
                    },
                  },
                  t('ct.setup.use'),
                ),
            h(
              'button',
              { type: 'button', 'data-action': 'show', onclick: () => showSetup(s, false) },
              t('ct.setup.show'),
            ),
            h(
              'button',
              { type: 'button', 'data-action': 'edit', onclick: () => showSetup(s, true) },
              t('ct.setup.edit'),
            ),
            h(
              'button',
              { type: 'button', 'data-action': 'delete', onclick: () => void remove(s) },
              t('ct.setup.delete'),
            ),
          ),
        ),
      );
    }
    return list;
  }

  function editor(): HTMLElement {
    distance.setAttribute('aria-describedby', 'ct-mark-help');
    name.placeholder = t('ct.mark.namePlaceholder');
    const heading =
      mode.kind === 'edit'
        ? t('ct.setup.editing', { name: mode.setup.name })
        : mode.kind === 'show'
          ? t('ct.setup.showing', { name: mode.setup.name })
          : t('ct.setup.new');
    marker.render();
    return h(
      'div',
      { class: 'ct-editor', 'data-testid': 'ct-editor', 'data-mode': mode.kind },
      h('h4', {}, heading),
      h(
        'div',
        { class: 'ct-sources' },
        h(
          'button',
          { type: 'button', 'data-testid': 'ct-still-video', onclick: () => void grabVideo() },
          t('ct.mark.fromVideo'),
        ),
        h('label', { for: 'ct-time' }, t('ct.mark.time')),
        timeInput,
        h(
          'button',
          { type: 'button', 'data-testid': 'ct-still-camera', onclick: () => grabCamera() },
          t('ct.mark.fromCamera'),
        ),
      ),
      marker.el,
      h(
        'div',
        { class: 'ct-fields' },
        h('label', { for: 'ct-distance' }, t('ct.mark.distance')),
        distance,
        h('label', { for: 'ct-name' }, t('ct.mark.name')),
        name,
      ),
      h(
        'div',
        { class: 'ct-buttons' },
        h(
          'button',
          { type: 'button', class: 'primary', 'data-testid': 'ct-save', onclick: () => void save() },
          t(mode.kind === 'edit' ? 'ct.mark.saveChanges' : 'ct.mark.save'),
        ),
        mode.kind === 'new'
          ? ''
          : h(
              'button',
              {
                type: 'button',
                'data-testid': 'ct-cancel',
                onclick: () => {
                  mode = { kind: 'new' };
                  marker.setPoints(null, null);
                  distance.value = '';
                  name.value = '';
                  render();
                },
              },
              t('ct.mark.cancel'),
            ),
      ),
      message,
    );
  }

  function openTest(test: ClinicalTestId, pace: WalkPace): void {
    openPanel?.destroy();
    const panel = new TestPanel(ctx, test, pace, speaker, inUseSetup, () => {
      panel.destroy();
      if (openPanel === panel) openPanel = null;
      render();
    });
    openPanel = panel;
    render();
    panel.el.querySelector<HTMLElement>('h3')?.focus();
  }

  function testList(): HTMLElement {
    const list = h('ul', { class: 'ct-tests' });
    for (const test of TESTS) {
      const buttons = isWalk(test)
        ? PACES.map((pace) =>
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-testid': `ct-open-${test}-${pace}`,
                onclick: () => openTest(test, pace),
              },
              t(`ct.pace.${pace}`),
            ),
          )
        : [
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                'data-testid': `ct-open-${test}`,
                onclick: () => openTest(test, 'comfortable'),
              },
              t('ct.start'),
            ),
          ];
      list.append(
        h(
          'li',
          { class: 'ct-test', 'data-test': test },
          h('h4', {}, t(`ct.test.${test}`)),
          h('p', {}, t(`ct.desc.${test}`)),
          h('div', { class: 'ct-buttons' }, ...buttons),
        ),
      );
    }
    return list;
  }

  function render(): void {
    clear(el);
    el.append(
      h('h2', {}, t('ct.title')),
      h('p', { class: 'ct-intro' }, t('ct.intro')),
      h(
        'section',
        { class: 'ct-section', 'data-testid': 'ct-setup-section' },
        h('h3', {}, t('ct.setup.title')),
        h('p', { class: 'muted' }, t('ct.setup.intro')),
        setupList(),
        editor(),
      ),
    );
    const tests = h('section', { class: 'ct-section' }, h('h3', {}, t('ct.tests.title')));
    if (openPanel) {
      openPanel.render();
      tests.append(openPanel.el);
    } else tests.append(testList());
    el.append(tests);
  }

  onLangChange(() => render());
  render();
  void loadSetups();
  return {
    id: 'tests',
    label: 'nav.tests',
    el,
    onShow: () => {
      render();
      // A video analysed under Capture gives the still to mark on, without a click.
      if (!marker.frame && ctx.capture.lastFile) void grabVideo();
    },
  };
}
