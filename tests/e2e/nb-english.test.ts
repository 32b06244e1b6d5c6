// No English in Bokmål: every tab and guided panel, and the gait and spine results of the demo clip, are read in
// nb (the visible text, collapsed notes opened) and searched for common English words. Issue 11: the list of
// English strings seen while testing in nb is empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closePanels,
  haveTestdata,
  launchApp,
  openTab,
  waitForAnalysis,
  WEBM,
  type AppHandle,
} from './harness';

/**
 * Common English words of this app's UI that are not also Norwegian words (so not "at", "by", "is", "be", "side",
 * "hold", "time", "per", "start", "test", "video", "analyse", "pass", "lateral", "over", "under", "all", "full").
 */
const ENGLISH = new Set(
  (
    'the and of with within without not cannot can this that these those from your you it its has have was were ' +
    'which when where what while will would should only than then there here into on or in are an ' +
    'step steps stride strides speed length width cadence recording recorded record analysis analysed analyzed ' +
    'warning warnings frames frame reference references indicator indicators computed outside between height ' +
    'walking walk gait spine posture flexion extension forward backward left right both each every none some ' +
    'more less about after before again please click choose select save saved load loading error failed missing ' +
    'found camera file files download cancel close open profile session sessions results result seconds minutes ' +
    'ready done unknown yes show hide details people dropped inference compute automatic'
  ).split(' '),
);
/** Names that stay as they are in every language ("Timed Up and Go" is the test's name in Norway too). */
const NAMES =
  /\b(Ganglag|MoveNet|BlazePose|Lightning|Thunder|MultiPose|FHIR|CSV|PDF|TUG|Timed Up and Go|English)\b/g;
/** File names are the user's own words ("walk-side-demo.webm"). */
const FILE_NAMES = /\S+\.(webm|mp4|mov|mkv|json|csv|pdf|png)\b/gi;

interface Found {
  where: string;
  word: string;
  line: string;
}

/** The English words in the page's visible text, with the line each one is on. */
async function englishIn(app: AppHandle, where: string): Promise<Found[]> {
  const text = await app.page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return document.body.innerText;
  });
  const out: Found[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const words =
      line
        .replace(FILE_NAMES, ' ')
        .replace(NAMES, ' ')
        .match(/[\p{L}']+/gu) ?? [];
    for (const w of words) if (ENGLISH.has(w.toLowerCase())) out.push({ where, word: w, line });
  }
  return out;
}

describe('Bokmål shows no English', () => {
  let app: AppHandle;
  const found: Found[] = [];
  const visited: string[] = [];
  const chars: Record<string, number> = {};
  const check = async (where: string): Promise<void> => {
    visited.push(where);
    chars[where] = (await app.page.evaluate(() => document.body.innerText)).length;
    found.push(...(await englishIn(app, where)));
  };

  const control: Found[] = [];
  beforeAll(async () => {
    app = await launchApp({ locale: 'nb-NO', view: '' });
    // Control: the same search finds English in the English UI (else an empty list would prove nothing).
    await app.page.selectOption('[data-testid=lang]', 'en');
    control.push(...(await englishIn(app, 'control, en start page')));
    await app.page.selectOption('[data-testid=lang]', 'nb');
    for (const id of ['start', 'live', 'gait', 'spine', 'tests', 'progress']) {
      await openTab(app, id);
      await check(`tab ${id}`);
    }
    await openTab(app, 'gait');
    await app.page.click('[data-testid=gait-guided-open]');
    await app.page.waitForSelector('[data-testid=side-panel] [data-testid=gait-guided]');
    await check('guided gait panel');
    for (const id of ['posture', 'forward-flexion', 'extension', 'lateral-flexion']) {
      await openTab(app, 'spine');
      await closePanels(app);
      await app.page.click(`[data-testid=spine-start-${id}]`);
      await app.page.waitForSelector(
        `[data-testid=side-panel] [data-testid=spine-panel][data-protocol=${id}]`,
      );
      await check(`guided spine panel ${id}`);
    }
    await openTab(app, 'spine');
    await closePanels(app);
  }, 300_000);
  afterAll(async () => app?.close());

  it('finds English words in the English UI (control)', () => {
    expect(new Set(control.map((f) => f.word.toLowerCase())).size).toBeGreaterThan(5);
  });

  it('visited every tab and guided panel in Bokmål', async () => {
    expect(await app.page.getAttribute('html', 'lang')).toBe('nb');
    expect(visited.slice(0, 11)).toEqual([
      'tab start',
      'tab live',
      'tab gait',
      'tab spine',
      'tab tests',
      'tab progress',
      'guided gait panel',
      'guided spine panel posture',
      'guided spine panel forward-flexion',
      'guided spine panel extension',
      'guided spine panel lateral-flexion',
    ]);
  });

  // Lightning: the demo clip's analysis takes minutes with MultiPose on a shared machine; the words are the same.
  it.runIf(haveTestdata())(
    'analyses the demo clip and shows its gait and spine results',
    async () => {
      await openTab(app, 'live');
      await app.page.selectOption('[data-testid=model]', 'movenet-lightning');
      await app.page.setInputFiles('[data-testid=file-input]', WEBM);
      // About 15-40 s on a 2-core machine; a stuck analysis fails with what the app showed.
      await waitForAnalysis(app, /analysert/, 240_000);
      await check('capture view, demo clip analysed');
      await openTab(app, 'gait');
      await app.page.waitForSelector('[data-testid=gait-metrics]');
      await check('gait results of the demo clip');
      await openTab(app, 'spine');
      await app.page.waitForSelector('[data-testid=spine-detected]');
      // The first "analyse as" is the test the movement looks like (a walk gives a plain message, no numbers).
      await app.page.click('[data-testid^=spine-analyse-]');
      await check('spine tab, the demo clip analysed as a spine test');
      await openTab(app, 'progress');
      await check('progress tab with the demo clip');
      expect(visited).toHaveLength(15);
    },
    300_000,
  );

  it('finds no English word in what it shows', () => {
    const lines = [...new Map(found.map((f) => [`${f.where}|${f.line}`, f])).values()];
    console.log('characters read per view', chars);
    console.log(
      `English seen in nb (${found.length} words on ${lines.length} lines):\n` +
        lines.map((f) => `  [${f.where}] ${f.line}`).join('\n'),
    );
    expect(found.map((f) => `[${f.where}] ${f.word}: ${f.line}`)).toEqual([]);
  });
});
