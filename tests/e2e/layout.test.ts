// Phone and zoom layout, measured (not screenshots): no horizontal scrolling on any tab at 390×844 (a phone in
// portrait) or at 200 % zoom of a 1280×800 laptop, and the video stays large while every guided panel is open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePanels, launchApp, openTab, type AppHandle } from './harness';

const TABS = ['start', 'live', 'gait', 'spine', 'tests', 'progress'];
const SPINE_TESTS = ['posture', 'forward-flexion', 'extension', 'lateral-flexion'];

interface Width {
  where: string;
  scrollWidth: number;
  clientWidth: number;
  innerWidth: number;
  /** Elements reaching past the right edge (to say what to fix). */
  wide: string[];
}

async function measureWidth(app: AppHandle, where: string): Promise<Width> {
  const m = await app.page.evaluate(() => {
    const doc = document.documentElement;
    const wide: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > doc.clientWidth + 0.5 && !el.closest('.pool-video'))
        wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)})`);
    }
    return {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      innerWidth: window.innerWidth,
      wide: wide.slice(0, 8),
    };
  });
  return { where, ...m };
}

const PANELS: { name: string; open(app: AppHandle): Promise<void> }[] = [
  {
    name: 'guided gait',
    async open(app) {
      await openTab(app, 'gait');
      await closePanels(app);
      await app.page.click('[data-testid=gait-guided-open]');
      await app.page.waitForSelector('[data-testid=side-panel] [data-testid=gait-guided]');
    },
  },
  ...SPINE_TESTS.map((id) => ({
    name: `guided spine ${id}`,
    async open(app: AppHandle) {
      await openTab(app, 'spine');
      await closePanels(app);
      await app.page.click(`[data-testid=spine-start-${id}]`);
      await app.page.waitForSelector(
        `[data-testid=side-panel] [data-testid=spine-panel][data-protocol=${id}]`,
      );
    },
  })),
];

interface VideoBox {
  panel: string;
  width: number;
  height: number;
  top: number;
  viewportWidth: number;
  viewportHeight: number;
}

/**
 * The video's box once it has its size (the camera's first frame, or 2 s without one), measured with the panel
 * scrolled to its end: the patient working the panel's last control must still see themselves.
 */
async function videoBox(app: AppHandle, panel: string): Promise<VideoBox> {
  await app.page
    .waitForFunction(
      () => (document.querySelector('video.stage-video') as HTMLVideoElement)?.readyState >= 1,
      null,
      {
        timeout: 2000,
      },
    )
    .catch(() => undefined);
  return app.page.evaluate((name) => {
    const v = document.querySelector('video.stage-video') as HTMLVideoElement;
    const panel = document.querySelector('[data-testid=side-panel]') as HTMLElement;
    panel.scrollIntoView({ block: 'end' });
    const r = v.getBoundingClientRect();
    return {
      panel: name,
      width: r.width,
      height: r.height,
      top: r.top,
      viewportWidth: window.innerWidth,
      viewportHeight: window.innerHeight,
    };
  }, panel);
}

describe('a 390×844 phone in portrait', () => {
  let app: AppHandle;
  const widths: Width[] = [];
  const videos: VideoBox[] = [];
  beforeAll(async () => {
    app = await launchApp({ view: '', fakeCamera: 'default', viewport: { width: 390, height: 844 } });
    for (const lang of ['en', 'nb']) {
      await app.page.selectOption('[data-testid=lang]', lang);
      for (const id of TABS) {
        await openTab(app, id);
        widths.push(await measureWidth(app, `${lang} tab ${id}`));
      }
      for (const p of PANELS) {
        await p.open(app);
        widths.push(await measureWidth(app, `${lang} ${p.name}`));
        videos.push(await videoBox(app, `${lang} ${p.name}`));
      }
      await closePanels(app);
    }
    // And once with the camera running (the fake camera's frames), in the guided gait panel.
    await PANELS[0].open(app);
    // The guided test reuses the capture controls (one set of controls per screen).
    await app.page.click('[data-testid=start-camera]');
    await app.page.waitForFunction(
      () => (document.querySelector('video.stage-video') as HTMLVideoElement).readyState >= 2,
      null,
      { timeout: 120_000 },
    );
    videos.push(await videoBox(app, 'nb guided gait, camera running'));
    widths.push(await measureWidth(app, 'nb guided gait, camera running'));
    console.log('layout 390×844', JSON.stringify({ widths, videos }, null, 1));
  }, 600_000);
  afterAll(async () => app?.close());

  it('measured the 5 tabs and 5 guided panels in both languages', () => {
    expect(widths).toHaveLength(2 * (TABS.length + PANELS.length) + 1);
    expect(videos).toHaveLength(2 * PANELS.length + 1);
    expect(videos.at(-1)?.panel).toBe('nb guided gait, camera running');
  });

  it('never scrolls sideways', () => {
    const over = widths.filter((w) => w.scrollWidth > w.clientWidth);
    expect(over).toEqual([]);
    for (const w of widths) expect(w.innerWidth).toBe(390);
  });

  it('keeps the video visible and large in every guided panel', () => {
    for (const v of videos) {
      expect(v.width >= 300 || v.width >= 0.75 * v.viewportWidth, `${v.panel}: width ${v.width}`).toBe(true);
      expect(v.height, `${v.panel}: height`).toBeGreaterThan(150);
      expect(v.top, `${v.panel}: on screen`).toBeGreaterThanOrEqual(0);
      expect(v.top + v.height, `${v.panel}: on screen`).toBeLessThanOrEqual(v.viewportHeight);
    }
  });
});

describe('200 % zoom of a 1280×800 laptop (a 640×400 viewport at device scale 2)', () => {
  let app: AppHandle;
  const widths: Width[] = [];
  beforeAll(async () => {
    app = await launchApp({ view: '', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    for (const lang of ['en', 'nb']) {
      await app.page.selectOption('[data-testid=lang]', lang);
      for (const id of TABS) {
        await openTab(app, id);
        widths.push(await measureWidth(app, `${lang} tab ${id}`));
      }
    }
    console.log('layout 200 %', JSON.stringify(widths, null, 1));
  }, 300_000);
  afterAll(async () => app?.close());

  it('never scrolls sideways', () => {
    expect(widths).toHaveLength(2 * TABS.length);
    expect(widths.filter((w) => w.scrollWidth > w.clientWidth)).toEqual([]);
  });
});

describe('a 768×1024 tablet in portrait', () => {
  let app: AppHandle;
  const widths: Width[] = [];
  const videos: VideoBox[] = [];
  beforeAll(async () => {
    app = await launchApp({ view: '', locale: 'nb-NO', viewport: { width: 768, height: 1024 } });
    for (const id of TABS) {
      await openTab(app, id);
      widths.push(await measureWidth(app, `tab ${id}`));
    }
    for (const p of PANELS) {
      await p.open(app);
      widths.push(await measureWidth(app, p.name));
      videos.push(await videoBox(app, p.name));
    }
    console.log('layout 768×1024', JSON.stringify({ widths, videos }, null, 1));
  }, 300_000);
  afterAll(async () => app?.close());

  it('never scrolls sideways and keeps the video beside or above every guided panel', () => {
    expect(widths).toHaveLength(TABS.length + PANELS.length);
    expect(widths.filter((w) => w.scrollWidth > w.clientWidth)).toEqual([]);
    for (const v of videos) {
      expect(v.width, v.panel).toBeGreaterThanOrEqual(300);
      expect(v.height, v.panel).toBeGreaterThan(150);
    }
  });
});
