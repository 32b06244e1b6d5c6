// axe-core (WCAG 2.x A/AA and best practices) on every tab and every guided panel, in English and Bokmål.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePanels, launchApp, type AppHandle } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface View {
  name: string;
  /** Brings the app into this state from any other. */
  open(app: AppHandle): Promise<void>;
}

const tab = (id: string): View => ({
  name: `tab ${id}`,
  async open(app) {
    await app.page.click(`[data-view=${id}]`);
    await app.page.waitForSelector(`[data-view=${id}]`);
  },
});

const SPINE_TESTS = ['posture', 'forward-flexion', 'extension', 'lateral-flexion'];

/** Closes an open guided panel, as a user would before starting the next test (the tab lists the tests again). */
const VIEWS: View[] = [
  tab('start'),
  tab('live'),
  tab('gait'),
  {
    name: 'guided gait panel',
    async open(app) {
      await app.page.click('[data-view=gait]');
      await closePanels(app);
      await app.page.click('[data-testid=gait-guided-open]');
      await app.page.waitForSelector('[data-testid=side-panel] [data-testid=gait-guided]');
    },
  },
  tab('spine'),
  ...SPINE_TESTS.map((id): View => ({
    name: `guided spine panel ${id}`,
    async open(app) {
      await app.page.click('[data-view=spine]');
      await closePanels(app);
      await app.page.click(`[data-testid=spine-start-${id}]`);
      await app.page.waitForSelector(
        `[data-testid=side-panel] [data-testid=spine-panel][data-protocol=${id}]`,
      );
    },
  })),
  tab('tests'),
  tab('progress'),
];

interface Finding {
  lang: string;
  view: string;
  rule: string;
  impact: string;
  target: string;
}

/** Rules axe ran per view, whatever their outcome (to prove color-contrast was among them). */
const rulesRun = new Map<string, Set<string>>();

async function audit(app: AppHandle, lang: string, view: string): Promise<Finding[]> {
  const res = (await app.page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  })) as AxeResults;
  rulesRun.set(
    `${lang}: ${view}`,
    new Set([...res.passes, ...res.violations, ...res.incomplete].map((r) => r.id)),
  );
  const out: Finding[] = [];
  for (const v of res.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const n of v.nodes)
      out.push({ lang, view, rule: v.id, impact: v.impact, target: n.target.join(' ') });
  }
  return out;
}

describe('accessibility (axe-core)', () => {
  let app: AppHandle;
  const findings: Finding[] = [];
  const audited: string[] = [];
  beforeAll(async () => {
    app = await launchApp();
    for (const lang of ['en', 'nb']) {
      await app.page.selectOption('[data-testid=lang]', lang);
      for (const v of VIEWS) {
        await v.open(app);
        // The app's policy forbids inline scripts; evaluate() runs axe outside it.
        await app.page.evaluate(AXE_SOURCE);
        findings.push(...(await audit(app, lang, v.name)));
        audited.push(`${await app.page.getAttribute('html', 'lang')}: ${v.name}`);
      }
    }
  });
  afterAll(async () => app?.close());

  it('audited the 5 tabs and 5 guided panels in both languages, contrast included', () => {
    const names = ['tab start', 'tab live', 'tab gait', 'guided gait panel', 'tab spine']
      .concat(SPINE_TESTS.map((id) => `guided spine panel ${id}`))
      .concat(['tab tests', 'tab progress']);
    expect(audited).toEqual(['en', 'nb'].flatMap((l) => names.map((n) => `${l}: ${n}`)));
    // WCAG 2.2 AA contrast (1.4.3) is checked on every view, not left out by a rule filter.
    for (const [where, rules] of rulesRun) expect(rules.has('color-contrast'), where).toBe(true);
  });

  it('finds no serious or critical violation beyond the listed ones owned elsewhere', () => {
    expect(findings).toEqual([]);
  });

  it('has one level-one heading, a named tab list and aria-current on the active tab', async () => {
    const p = app.page;
    await p.click('[data-view=spine]');
    expect(await p.locator('h1').count()).toBe(1);
    expect(await p.getAttribute('nav', 'aria-label')).toBeTruthy();
    expect(await p.getAttribute('[data-view=spine]', 'aria-current')).toBe('page');
    expect(await p.locator('[data-view][aria-current]').count()).toBe(1);
  });

  it('moves focus to the new view’s heading when a tab is chosen, and keeps it on the language select', async () => {
    const p = app.page;
    await p.focus('[data-view=gait]');
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('view-title');
    expect(await p.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await p.textContent('h1')).toBe('Ganganalyse');
    expect(await p.getAttribute('[data-view=gait]', 'aria-current')).toBe('page');
    await p.focus('[data-testid=lang]');
    await p.selectOption('[data-testid=lang]', 'en');
    expect(await p.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('lang');
    expect(await p.textContent('[data-view=gait]')).toBe('Gait');
    expect(await p.textContent('h1')).toBe('Gait analysis');
  });
});

/** Where keyboard focus is: its test id, tab id, tag and text. */
async function focused(app: AppHandle): Promise<{ id: string; tag: string; text: string; inPanel: boolean }> {
  return app.page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return {
      id: el.dataset.testid ?? el.dataset.view ?? '',
      tag: el.tagName,
      text: (el.textContent ?? '').trim().slice(0, 60),
      inPanel: el.closest('[data-testid=side-panel]') !== null,
    };
  });
}

/** Presses Tab until the control with test id `id` has focus; returns the ids passed on the way. */
async function tabTo(app: AppHandle, id: string, max = 40): Promise<string[]> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await app.page.keyboard.press('Tab');
    const f = await focused(app);
    path.push(f.id || `${f.tag}:${f.text}`);
    if (f.id === id) return path;
  }
  throw new Error(`Tab never reached ${id}; it went ${path.join(' → ')}`);
}

describe('keyboard only: from the start page to a guided spine test and back', () => {
  let app: AppHandle;
  beforeAll(async () => {
    app = await launchApp({ view: '' });
  });
  afterAll(async () => app?.close());

  it('opens on the start page with three choices and the profile state', async () => {
    const p = app.page;
    expect(await p.getAttribute('[data-view=start]', 'aria-current')).toBe('page');
    expect(await p.textContent('h1')).toBe('Start here');
    expect(await p.textContent('[data-testid=start-gait]')).toBe('Record a gait test');
    expect(await p.textContent('[data-testid=start-spine]')).toBe('Record a spine test');
    expect(await p.textContent('[data-testid=start-video]')).toBe('Analyse a video');
    expect(await p.textContent('[data-testid=header-profile]')).toBe('No profile: results are not saved');
  });

  it('tabs to "Record a spine test", and Enter opens the Spine tab with focus on its heading', async () => {
    const path = await tabTo(app, 'start-spine');
    // The header comes first: home link, the five tabs, the profile and the language; then the choices.
    expect(path.indexOf('home')).toBe(0);
    expect(path).toContain('start');
    expect(path.indexOf('start-gait')).toBe(path.length - 2);
    await app.page.keyboard.press('Enter');
    const f = await focused(app);
    expect(f).toMatchObject({ id: 'view-title', tag: 'H1', text: 'Spine and posture tests' });
    expect(await app.page.getAttribute('[data-view=spine]', 'aria-current')).toBe('page');
  });

  it('shows where focus is with a visible ring', async () => {
    await app.page.keyboard.press('Tab');
    const ring = await app.page.evaluate(() => {
      const cs = getComputedStyle(document.activeElement as HTMLElement);
      return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  });

  it('starts the standing posture test with Enter, and focus goes into its panel', async () => {
    await tabTo(app, 'spine-start-posture');
    await app.page.keyboard.press('Enter');
    await app.page.waitForSelector(
      '[data-testid=side-panel] [data-testid=spine-panel][data-protocol=posture]',
    );
    await app.page.waitForFunction(
      () => document.activeElement?.closest('[data-testid=side-panel]') !== null,
    );
    expect((await focused(app)).inPanel).toBe(true);
  });

  it('reaches the panel’s Close with Tab, and Enter stops the test; focus returns to the heading', async () => {
    await tabTo(app, 'spine-close');
    await app.page.keyboard.press('Enter');
    await app.page.waitForSelector('[data-testid=spine-panel]', { state: 'detached' });
    await app.page.waitForFunction(() => document.activeElement !== document.body);
    const f = await focused(app);
    expect(f).toMatchObject({ id: 'view-title', text: 'Spine and posture tests' });
    expect(await app.page.isVisible('[data-testid=spine-start-posture]')).toBe(true);
  });

  it('keeps the video file picker in the tab order ("Analyse a video" focuses it)', async () => {
    await app.page.click('[data-testid=home]');
    await app.page.waitForSelector('[data-testid=start-video]');
    await app.page.focus('[data-testid=start-video]');
    await app.page.keyboard.press('Enter');
    expect((await focused(app)).id).toBe('file-input');
    expect(await app.page.getAttribute('[data-view=live]', 'aria-current')).toBe('page');
  });

  it('"Record a gait test" opens the guided gait test beside the video', async () => {
    await app.page.click('[data-testid=home]');
    await app.page.focus('[data-testid=start-gait]');
    await app.page.keyboard.press('Enter');
    await app.page.waitForSelector('[data-testid=side-panel] [data-testid=gait-guided]');
    expect(await app.page.getAttribute('[data-view=gait]', 'aria-current')).toBe('page');
    expect(await app.page.isVisible('video.stage-video')).toBe(true);
    expect((await focused(app)).id).toBe('view-title');
  });

  it('respects prefers-reduced-motion: no transition or animation runs', async () => {
    await app.page.emulateMedia({ reducedMotion: 'reduce' });
    const ms = await app.page.evaluate(() => {
      const el = document.createElement('div');
      el.style.transition = 'opacity 2s';
      el.style.animation = 'x 3s infinite';
      document.body.append(el);
      const cs = getComputedStyle(el);
      const out = {
        transition: parseFloat(cs.transitionDuration) * 1000,
        animation: parseFloat(cs.animationDuration) * 1000,
        iterations: cs.animationIterationCount,
      };
      el.remove();
      return out;
    });
    expect(ms.transition).toBeLessThan(1);
    expect(ms.animation).toBeLessThan(1);
    expect(ms.iterations).toBe('1');
  });
});
