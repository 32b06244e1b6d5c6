// The guided spine tests' state machine in Node, fed synthetic recordings with known repetitions: the phases of
// each test, the timings (position held 1 s, 3 countdown ticks, movement prompt after 1.5 s still, posture holds
// of 4 s, speech throttling), a lost subject, a restart, and the four tests one after another on one clock.
import { describe, expect, it } from 'vitest';
import {
  COUNTDOWN_S,
  MIN_SPEECH_GAP_MS,
  NEUTRAL_MS,
  POSITION_OK_MS,
  POSTURE_HOLD_MS,
  REPEAT_SPEECH_MS,
  spineProtocolById,
  SpineProtocol,
  type SpineProtocolEvent,
  type SpineProtocolId,
} from '../../src/analysis/protocols';
import { keypointsToArray } from '../../src/shared/keypoints';
import type { PosesFileV1 } from '../../src/shared/poses-format';
import { meters, ms } from '../../src/shared/units';
import { generateSpine } from '../fixtures/spine-generator';

const standing = (view: 'side' | 'front', seed: number, standS = 3): PosesFileV1 =>
  generateSpine({ skeleton: 'blazepose33', test: 'standing', view, standS, noisePx: 1.5, seed }).file;

/** What happened at which frame time. */
interface Logged {
  tMs: number;
  e: SpineProtocolEvent;
}

/**
 * Plays recordings through a protocol on one continuing frame clock, as the panel's replay source does; the
 * countdown's ticks come at once when it starts (as if the frames arrived faster than real time).
 */
class Driver {
  t = NaN;
  readonly log: Logged[] = [];
  constructor(public p: SpineProtocol) {}

  private note(events: readonly SpineProtocolEvent[]): void {
    for (const e of events) this.log.push({ tMs: this.t, e });
  }

  start(): void {
    this.note(this.p.start(true));
  }

  /** Frames of `file` (or nobody, for `nobodyMs`), continuing the clock. `tick`: run the countdown at once. */
  feed(file: PosesFileV1, opts: { tick?: boolean; nobody?: boolean } = {}): void {
    const dt = 1000 / file.fps;
    const t0 = file.frames[0].tMs;
    const base = Number.isFinite(this.t) ? this.t + dt - t0 : -t0;
    for (const f of file.frames) {
      this.t = f.tMs + base;
      const kp = opts.nobody ? null : keypointsToArray(f.keypoints);
      this.note(this.p.frame(ms(this.t), kp, file.skeleton, file.width, file.height));
      if (opts.tick !== false) while (this.p.phase === 'countdown') this.note(this.p.tick());
    }
  }

  phases(): string[] {
    return this.log.flatMap(({ e }) => (e.kind === 'phase' ? [e.phase] : []));
  }

  prompts(): string[] {
    return this.log.flatMap(({ e }) =>
      e.kind !== 'prompt'
        ? []
        : e.prompt.code === 'bend'
          ? [`bend:${e.prompt.direction}`]
          : e.prompt.code === 'rep-done'
            ? [`rep-done:${e.prompt.n}/${e.prompt.total}`]
            : [e.prompt.code],
    );
  }

  count(kind: SpineProtocolEvent['kind']): number {
    return this.log.filter(({ e }) => e.kind === kind).length;
  }

  first(pred: (e: SpineProtocolEvent) => boolean): Logged | undefined {
    return this.log.find(({ e }) => pred(e));
  }
}

const make = (id: SpineProtocolId): Driver =>
  new Driver(new SpineProtocol(spineProtocolById(id), { heightM: meters(1.75) }));

describe('SpineProtocol: each test from start to finish', () => {
  it('forward flexion: position, countdown, then three counted repetitions with their prompts', () => {
    const d = make('forward-flexion');
    expect(d.p.phase).toBe('starting');
    d.start();
    d.feed(standing('side', 4));
    const flex = generateSpine({ skeleton: 'blazepose33', test: 'forward-flexion', noisePx: 2, seed: 11 });
    d.feed(flex.file);
    expect(d.phases()).toEqual(['positioning', 'countdown', 'active', 'finished']);
    expect(d.count('record')).toBe(1);
    expect(d.p.stepReps).toBe(3);
    expect(d.p.gauge?.reps).toBe(3);
    // The gauge measured the last repetition's range within a few degrees of the truth.
    expect(Math.abs((d.p.gauge?.lastRomDeg ?? NaN) - flex.truth.reps[2].romDeg)).toBeLessThan(4);
    expect(d.prompts()).toEqual([
      'stand-still',
      'bend:forward-flexion',
      'hold',
      'return',
      'rep-done:1/3',
      'bend:forward-flexion',
      'hold',
      'return',
      'rep-done:2/3',
      'bend:forward-flexion',
      'hold',
      'return',
    ]);
    // Countdown: 3, 2, 1, then the test.
    expect(d.log.flatMap(({ e }) => (e.kind === 'countdown' ? [e.n] : []))).toEqual([3, 2, 1]);
    // Finished: later frames change nothing.
    expect(d.p.frame(ms(d.t + 33), null, 'blazepose33', 640, 360)).toEqual([]);
  });

  it('extension: the same sequence, bending backwards', () => {
    const d = make('extension');
    d.start();
    d.feed(standing('side', 30));
    const ext = generateSpine({ skeleton: 'blazepose33', test: 'extension', noisePx: 2, seed: 29 });
    d.feed(ext.file);
    expect(d.phases()).toEqual(['positioning', 'countdown', 'active', 'finished']);
    expect(d.p.stepReps).toBe(3);
    expect(d.prompts().filter((x) => x.startsWith('bend'))).toEqual(Array(3).fill('bend:extension'));
  });

  it('lateral flexion: three to the left, "now to the right", three to the right; a left bend in step 2 does not count', () => {
    const d = make('lateral-flexion');
    d.start();
    // Side-on is the wrong view for lateral flexion: no countdown.
    d.feed(standing('side', 6));
    expect(d.p.phase).toBe('positioning');
    expect(d.p.problems).toEqual(['face-camera']);
    d.feed(standing('front', 7));
    const lat = generateSpine({
      skeleton: 'blazepose33',
      test: 'lateral-flexion',
      sides: ['left', 'left', 'left', 'left', 'right', 'right', 'right'],
      endRangeDeg: [28, 30, 27, 26, 31, 29, 26],
      noisePx: 2,
      seed: 5,
    });
    d.feed(lat.file);
    expect(d.phases()).toEqual(['positioning', 'countdown', 'active', 'active', 'finished']);
    expect(d.log.flatMap(({ e }) => (e.kind === 'step' ? [e.index] : []))).toEqual([1]);
    const p = d.prompts();
    expect(p.filter((x) => x.startsWith('bend'))).toEqual([
      'bend:left',
      'bend:left',
      'bend:left',
      'bend:right',
      'bend:right', // the patient bent left instead, and is told again
      'bend:right',
      'bend:right',
    ]);
    expect(p).toContain('now-right');
    // The fourth bend to the left (in the right-side step) is not a right repetition: 3 right ones finish it.
    expect(p.filter((x) => x.startsWith('rep-done'))).toEqual([
      'rep-done:1/3',
      'rep-done:2/3',
      'rep-done:1/3',
      'rep-done:2/3',
    ]);
    expect(d.p.gauge?.reps).toBe(7);
    expect(d.count('record')).toBe(1);
  });

  it('posture: side hold of 4 s, turn to the front, position again, front hold, finished on one recording', () => {
    const d = make('posture');
    d.start();
    d.feed(standing('side', 8, 6));
    expect(d.p.gauge).toBeNull(); // posture has no live gauge
    d.feed(standing('front', 11, 6));
    expect(d.phases()).toEqual([
      'positioning',
      'countdown',
      'active',
      'positioning',
      'countdown',
      'active',
      'finished',
    ]);
    expect(d.prompts()).toEqual(['hold-still', 'turn-front', 'hold-still']);
    expect(d.count('record')).toBe(1); // both views in one recording
    // Each hold lasted 4 s of frame time from the start of its step.
    const actives = d.log.filter(({ e }) => e.kind === 'phase' && e.phase === 'active').map((l) => l.tMs);
    const ends = d.log
      .filter(({ e }) => e.kind === 'phase' && (e.phase === 'positioning' || e.phase === 'finished'))
      .map((l) => l.tMs)
      .slice(1);
    // The hold starts at the first frame after the countdown, one frame (33 ms) after the phase event.
    for (let i = 0; i < 2; i++) {
      expect(ends[i] - actives[i]).toBeGreaterThanOrEqual(POSTURE_HOLD_MS + 33);
      expect(ends[i] - actives[i]).toBeLessThan(POSTURE_HOLD_MS + 2 * 34);
    }
  });
});

describe('SpineProtocol: timings', () => {
  it('starts the countdown once the position has been fine for 1 s, and a bad frame starts that second again', () => {
    const d = make('forward-flexion');
    d.start();
    const side = standing('side', 4);
    const front = standing('front', 3);
    // 0.6 s fine, 0.5 s front-on (wrong), then fine again.
    d.feed({ ...side, frames: side.frames.filter((f) => f.tMs < 600) });
    d.feed({ ...front, frames: front.frames.filter((f) => f.tMs < 500) });
    expect(d.p.phase).toBe('positioning');
    d.feed(side, { tick: false });
    const lastBad = d.log.filter(({ e }) => e.kind === 'problems' && e.problems.length > 0).pop()!;
    const ok = d.log.find(
      ({ e, tMs }) => e.kind === 'problems' && e.problems.length === 0 && tMs > lastBad.tMs,
    )!;
    const countdown = d.first((e) => e.kind === 'phase' && e.phase === 'countdown')!;
    expect(countdown.tMs - ok.tMs).toBeGreaterThanOrEqual(POSITION_OK_MS);
    expect(countdown.tMs - ok.tMs).toBeLessThan(POSITION_OK_MS + 34);
    // The countdown waits for its ticks, whatever the frames do.
    expect(d.p.phase).toBe('countdown');
    expect(d.p.countdown).toBe(COUNTDOWN_S);
    for (let n = COUNTDOWN_S - 1; n > 0; n--) expect(d.p.tick()).toEqual([{ kind: 'countdown', n }]);
    expect(d.p.tick().map((e) => e.kind)).toEqual(['record', 'phase', 'prompt']);
    expect(d.p.tick()).toEqual([]); // no countdown running: a late tick does nothing
  });

  it('prompts the movement after 1.5 s of standing still, once', () => {
    const d = make('forward-flexion');
    d.start();
    d.feed(standing('side', 4, 1.5)); // fine after 1 s; countdown at once; active
    d.feed(standing('side', 5, 4));
    const active = d.first((e) => e.kind === 'phase' && e.phase === 'active')!;
    const bends = d.log.filter(({ e }) => e.kind === 'prompt' && e.prompt.code === 'bend');
    expect(bends).toHaveLength(1);
    const waited = bends[0].tMs - active.tMs;
    expect(waited).toBeGreaterThanOrEqual(NEUTRAL_MS);
    expect(waited).toBeLessThan(NEUTRAL_MS + 100);
  });

  it('says a positioning instruction once, again after 7 s if it persists, and a new one no sooner than 2.5 s', () => {
    const d = make('forward-flexion');
    d.start();
    d.feed(standing('front', 3, 9)); // 9 s front-on: "turn side-on" at 0 s and 7 s
    const said = d.log.filter(({ e }) => e.kind === 'say-problem');
    expect(said.map(({ e }) => e.kind === 'say-problem' && e.problem)).toEqual([
      'turn-side-on',
      'turn-side-on',
    ]);
    expect(said[1].tMs - said[0].tMs).toBeGreaterThan(REPEAT_SPEECH_MS);
    expect(said[1].tMs - said[0].tMs).toBeLessThan(REPEAT_SPEECH_MS + 34);
    // Nobody in view 1 s after that: a new problem, but within 2.5 s of the last words: shown, not said.
    const tSaid = said[1].tMs;
    d.feed(standing('front', 4, 1));
    const nobodyFrom = d.t;
    d.feed(standing('front', 5, 3), { nobody: true });
    expect(d.p.problems).toEqual(['body-not-in-view']);
    const next = d.log.filter(({ e, tMs }) => e.kind === 'say-problem' && tMs > tSaid);
    expect(next).toHaveLength(1);
    expect(next[0].e).toEqual({ kind: 'say-problem', problem: 'body-not-in-view' });
    expect(next[0].tMs - tSaid).toBeGreaterThan(MIN_SPEECH_GAP_MS);
    expect(next[0].tMs).toBeGreaterThan(nobodyFrom);
  });
});

describe('SpineProtocol: a lost subject', () => {
  it('nobody in view keeps the position check from passing, and the gauge from reading', () => {
    const d = make('forward-flexion');
    d.start();
    d.feed(standing('side', 4, 3), { nobody: true });
    expect(d.p.phase).toBe('positioning');
    expect(d.p.problems).toEqual(['body-not-in-view']);
    expect(d.count('reading')).toBe(0);
    expect(d.count('lost')).toBe(0); // never followed, so never lost
  });

  it('during repetitions: one "lost", no prompt and no repetition while away; counting goes on when back', () => {
    const d = make('forward-flexion');
    d.start();
    d.feed(standing('side', 4));
    const flex = generateSpine({ skeleton: 'blazepose33', test: 'forward-flexion', noisePx: 2, seed: 27 });
    const split = flex.file.frames[0].tMs + 3900; // in the first end-range hold
    d.feed({ ...flex.file, frames: flex.file.frames.filter((f) => f.tMs < split) });
    expect(d.p.gauge?.phase).toBe('end-range');
    const before = d.log.length;
    d.feed(standing('side', 9, 1.5), { nobody: true });
    const away = d.log.slice(before).map(({ e }) => e.kind);
    expect(away).toEqual(['lost']);
    expect(d.p.followed).toBe(false);
    d.feed({ ...flex.file, frames: flex.file.frames.filter((f) => f.tMs >= split) });
    expect(d.p.phase).toBe('finished');
    expect(d.p.stepReps).toBe(3);
  });

  it('during a posture hold: the hold starts again when the subject is back', () => {
    const d = make('posture');
    d.start();
    d.feed(standing('side', 8, 4)); // 1 s to position, then about 3 s of the 4 s hold
    expect(d.p.phase).toBe('active');
    expect(d.p.holdProgress).toBeGreaterThan(0.6);
    d.feed(standing('side', 9, 0.5), { nobody: true });
    expect(d.p.holdProgress).toBe(0);
    const back = d.t;
    d.feed(standing('side', 10, 5));
    const turned = d.first((e) => e.kind === 'prompt' && e.prompt.code === 'turn-front')!;
    expect(turned.tMs - back).toBeGreaterThanOrEqual(POSTURE_HOLD_MS);
    expect(turned.tMs - back).toBeLessThan(POSTURE_HOLD_MS + 100);
  });
});

describe('SpineProtocol: skip, finish early, restart, and four tests in a row', () => {
  it('skip starts the countdown without a good position; finish ends a running step; both only in their phase', () => {
    const d = make('extension');
    expect(d.p.skip()).toEqual([]); // still starting
    expect(d.p.start(false).map((e) => e.kind === 'phase' && e.phase)).toEqual(['no-camera']);
    expect(d.p.skip()).toEqual([]);
    d.p.restart();
    d.start();
    expect(d.p.finish()).toEqual([]); // nothing running yet
    expect(d.p.skip().map((e) => e.kind)).toEqual(['phase', 'countdown']);
    while (d.p.phase === 'countdown') d.p.tick();
    expect(d.p.phase).toBe('active');
    expect(d.p.finish()).toEqual([{ kind: 'phase', phase: 'finished' }]);
  });

  it('restart runs the same test again from its first step, with a recording of its own', () => {
    const d = make('lateral-flexion');
    for (let round = 0; round < 2; round++) {
      const from = d.log.length;
      d.start();
      d.feed(standing('front', 40 + round));
      const lat = generateSpine({
        skeleton: 'blazepose33',
        test: 'lateral-flexion',
        sides: ['left', 'left', 'left', 'right', 'right', 'right'],
        noisePx: 2,
        seed: 42 + round,
      });
      d.feed(lat.file);
      const kinds = d.log.slice(from).map(({ e }) => e.kind);
      expect(kinds.filter((k) => k === 'record')).toHaveLength(1);
      expect(d.p.phase).toBe('finished');
      expect(d.p.stepNumber).toBe(1);
      d.log.push(...d.p.restart().map((e) => ({ tMs: d.t, e })));
      expect(d.p.phase).toBe('starting');
      expect(d.p.stepNumber).toBe(0);
      expect(d.p.gauge).toBeNull();
      expect(d.p.recording).toBe(false);
    }
  });

  it('posture, flexion, extension, lateral flexion one after another: each records once and finishes', () => {
    // One clock across the tests, as on the camera: issue 14 once found a second test in a row recording nothing.
    let t = NaN;
    const results: { id: SpineProtocolId; records: number; phases: string[]; reps: number }[] = [];
    const run = (id: SpineProtocolId, position: PosesFileV1, body: PosesFileV1[]): void => {
      const d = make(id);
      d.t = t;
      d.start();
      d.feed(position);
      for (const f of body) d.feed(f);
      t = d.t;
      results.push({ id, records: d.count('record'), phases: d.phases(), reps: d.p.gauge?.reps ?? 0 });
    };
    run('posture', standing('side', 21, 6), [standing('front', 24, 6)]);
    const flex = generateSpine({
      skeleton: 'blazepose33',
      test: 'forward-flexion',
      noisePx: 2,
      seed: 27,
    }).file;
    run('forward-flexion', standing('side', 28), [flex]);
    const ext = generateSpine({ skeleton: 'blazepose33', test: 'extension', noisePx: 2, seed: 29 }).file;
    run('extension', standing('side', 30), [ext]);
    const lat = generateSpine({
      skeleton: 'blazepose33',
      test: 'lateral-flexion',
      sides: ['left', 'left', 'left', 'right', 'right', 'right'],
      noisePx: 2,
      seed: 31,
    }).file;
    run('lateral-flexion', standing('front', 32), [lat]);
    expect(results.map((r) => [r.id, r.records, r.phases[r.phases.length - 1], r.reps])).toEqual([
      ['posture', 1, 'finished', 0],
      ['forward-flexion', 1, 'finished', 3],
      ['extension', 1, 'finished', 3],
      ['lateral-flexion', 1, 'finished', 6],
    ]);
  });
});
