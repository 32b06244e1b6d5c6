// Results of a spine or posture analysis: each repetition, then the best and the median; posture fields.
import type { SpineAnalysis } from '../../analysis/spine/index';
import { renderWarnings } from '../../shared/messages';
import { h } from '../dom';
import { getLang, t } from '../i18n';

const POSTURE_FIELDS = [
  'forwardHeadCm',
  'forwardHeadDeg',
  'trunkLeanDeg',
  'kneeHyperextensionDeg',
  'shoulderObliquityDeg',
  'pelvicObliquityDeg',
] as const;

const num = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(1);

function bySide(v: unknown, side: 'left' | 'right'): { best: number | null; median: number | null } | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = (v as Record<string, unknown>)[side];
  if (typeof s !== 'object' || s === null) return null;
  const r = s as Record<string, unknown>;
  const n = (x: unknown): number | null => (typeof x === 'number' ? x : null);
  return { best: n(r.best), median: n(r.median) };
}

/** The recording shows a walk, not the test asked for: its numbers would mean nothing. */
export function isWrongTest(a: SpineAnalysis): boolean {
  return a.warningCodes.some((w) => w.code === 'walks-across');
}

export function renderResults(a: SpineAnalysis): HTMLElement {
  const box = h('div', { class: 'spine-results', 'data-testid': 'spine-results' });
  if (isWrongTest(a)) {
    box.append(
      h('p', { class: 'spine-warning', 'data-testid': 'spine-wrong-test' }, t('spine.result.wrongTest')),
    );
    return box;
  }
  if (a.posture) {
    const p = a.posture;
    const table = h('table', { class: 'spine-table' });
    for (const f of POSTURE_FIELDS) {
      const v = p[f];
      table.append(
        h(
          'tr',
          { 'data-field': f },
          h('th', { scope: 'row' }, t(`spine.result.posture.${f}`)),
          h('td', {}, typeof v === 'number' ? num(v) : '–'),
        ),
      );
    }
    box.append(table);
  }
  const s = a.spine;
  if (!s && !a.posture) {
    box.append(h('p', { class: 'spine-warning', 'data-testid': 'spine-nothing' }, t('spine.result.nothing')));
  }
  if (s) {
    const lateral = s.test === 'lateral-flexion';
    const tip = s.test === 'forward-flexion';
    // Lateral flexion's clinical distance is the fingertip's drop along the thigh, in the same column.
    const dist = tip || lateral;
    if (s.reps.length === 0) {
      box.append(
        h('p', { class: 'spine-warning', 'data-testid': 'spine-no-reps' }, t('spine.result.noReps')),
      );
    } else {
      const head = h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('spine.result.rep')),
        lateral ? h('th', { scope: 'col' }, t('spine.result.side')) : null,
        h('th', { scope: 'col' }, t('spine.result.neutral')),
        h('th', { scope: 'col' }, t('spine.result.endRange')),
        h('th', { scope: 'col' }, t('spine.result.rom')),
        dist ? h('th', { scope: 'col' }, t(lateral ? 'spine.result.drop' : 'spine.result.fingertip')) : null,
      );
      const body = h('tbody', {});
      s.reps.forEach((r, i) =>
        body.append(
          h(
            'tr',
            { 'data-rep': i + 1 },
            h('td', {}, String(i + 1)),
            lateral ? h('td', {}, r.side ? t(`spine.result.${r.side}`) : '–') : null,
            h('td', {}, num(r.neutralDeg)),
            h('td', {}, num(r.endRangeDeg)),
            h('td', { class: 'rom' }, num(r.romDeg)),
            dist
              ? h(
                  'td',
                  { class: lateral ? 'drop' : 'tip' },
                  num(lateral ? r.fingertipDropCm : r.fingertipToFloorCm),
                )
              : null,
          ),
        ),
      );
      const summary = h('tbody', { class: 'summary' });
      const cols = (label: string, rom: string, tipV: string, key: string): HTMLElement =>
        h(
          'tr',
          { 'data-summary': key },
          h('th', { scope: 'row', colspan: lateral ? 4 : 3 }, label),
          h('td', { class: 'rom' }, rom),
          dist ? h('td', {}, tipV) : null,
        );
      if (lateral) {
        for (const side of ['left', 'right'] as const) {
          const v = bySide(s.romDegBySide, side);
          if (!v) continue;
          const d = bySide(s.fingertipDropCmBySide, side);
          const sl = t(`spine.result.${side}`);
          summary.append(
            cols(`${t('spine.result.best')}, ${sl}`, num(v.best), num(d?.best), `best-${side}`),
            cols(`${t('spine.result.median')}, ${sl}`, num(v.median), num(d?.median), `median-${side}`),
          );
        }
      } else {
        summary.append(
          cols(t('spine.result.best'), num(s.romDeg.best), num(s.fingertipToFloorCm.best), 'best'),
          cols(t('spine.result.median'), num(s.romDeg.median), '', 'median'),
        );
      }
      box.append(h('table', { class: 'spine-table' }, h('thead', {}, head), body, summary));
    }
  }
  const needsScale =
    a.posture !== undefined || s?.test === 'forward-flexion' || s?.test === 'lateral-flexion';
  if (needsScale && a.scale.method === 'pixels')
    box.append(h('p', { class: 'spine-warning' }, t('spine.result.noScale')));
  if (a.warnings.length) {
    const list = h('ul', {});
    for (const w of renderWarnings(a.warningCodes, getLang())) list.append(h('li', {}, w));
    box.append(h('details', { class: 'spine-notes' }, h('summary', {}, t('spine.result.notes')), list));
  }
  box.append(h('p', { class: 'hint' }, t('spine.result.screening')));
  return box;
}
