// The guided clinical tests' recording protocol in Node: the replace question, the camera, a 3-2-1 countdown
// on ticks, the recorder's start (or failure), a walk test that records until stopped, and the 30-second chair
// stand that stops itself after exactly its recording time of input time, then a restart after the result.
import { describe, expect, it } from 'vitest';
import {
  CHAIR_STAND_RECORD_MS,
  CLINICAL_COUNTDOWN_S,
  ClinicalProtocol,
  type ClinicalProtocolEvent,
} from '../../src/analysis/protocols';
import { ms } from '../../src/shared/units';

const show = (ev: readonly ClinicalProtocolEvent[]): string[] =>
  ev.map((e) => {
    switch (e.kind) {
      case 'phase':
        return `phase:${e.phase}`;
      case 'countdown':
        return `countdown:${e.n}`;
      case 'prompt':
        return `say:${e.prompt}`;
      case 'left':
        return `left:${e.s}`;
      case 'notice':
        return `notice:${e.notice}`;
      default:
        return e.kind;
    }
  });

/** Start, replace, camera on, and the countdown's ticks: the events in order. */
function toRecorder(p: ClinicalProtocol): string[] {
  const log = [...show(p.start()), ...show(p.answer(true)), ...show(p.source(true))];
  for (let i = 0; i < CLINICAL_COUNTDOWN_S; i++) log.push(...show(p.tick()));
  return log;
}

describe('ClinicalProtocol', () => {
  it('counts down 3, 2, 1 on ticks after the question and the camera, then asks for the recording once', () => {
    const p = new ClinicalProtocol('walk-10m');
    expect(p.phase).toBe('idle');
    expect(CLINICAL_COUNTDOWN_S).toBe(3);
    expect(toRecorder(p)).toEqual([
      'phase:starting',
      'clear-result',
      'open-source',
      'phase:countdown',
      'say:ready',
      'countdown:3',
      'countdown:2',
      'countdown:1',
      'record',
    ]);
    // Waiting for the recorder: more ticks (a late timer) change nothing, and the last number stays shown.
    expect(show(p.tick())).toEqual([]);
    expect(p.phase).toBe('countdown');
    expect(p.countdown).toBe(1);
    expect(show(p.recordingStarted(ms(5000)))).toEqual(['phase:recording', 'say:go']);
    expect(p.secondsLeft).toBe(0);
  });

  it('a walk test records until stopped, whatever time passes', () => {
    const p = new ClinicalProtocol('walk-4m');
    toRecorder(p);
    p.recordingStarted(ms(1000));
    expect(p.recordMs).toBeNull();
    for (const t of [1250, 31_000, 33_000, 3_600_000]) expect(show(p.time(ms(t)))).toEqual([]);
    expect(p.phase).toBe('recording');
    expect(show(p.stop())).toEqual(['phase:stopping', 'stop-record', 'say:done']);
    expect(show(p.stop())).toEqual([]); // stopped once
    expect(show(p.stopped(true))).toEqual(['phase:done']);
    expect(p.notice).toBeNull();
  });

  it('the chair stand stops itself after exactly 32 s of input time from the recorder start, counting seconds left', () => {
    // 30 s counted from the first rise (Jones, Rikli & Beam 1999), with 2 s for that rise.
    expect(CHAIR_STAND_RECORD_MS).toBe(32_000);
    const p = new ClinicalProtocol('chair-stand-30s');
    toRecorder(p);
    const t0 = 10_000;
    expect(show(p.recordingStarted(ms(t0)))).toEqual(['phase:recording', 'say:go', 'left:32']);
    const lefts: number[] = [];
    // A 250 ms timer, as the panel's: the seconds left count down by one, and it still records at 31.75 s.
    for (let t = t0 + 250; t < t0 + 32_000; t += 250) {
      for (const e of p.time(ms(t))) {
        if (e.kind === 'left') lefts.push(e.s);
        else throw new Error(`unexpected ${e.kind} at ${t - t0} ms`);
      }
    }
    expect(lefts).toEqual(Array.from({ length: 31 }, (_, i) => 31 - i));
    expect(p.time(ms(t0 + 31_999))).toEqual([]);
    expect(p.phase).toBe('recording');
    expect(p.secondsLeft).toBe(1);
    expect(show(p.time(ms(t0 + 32_000)))).toEqual(['phase:stopping', 'stop-record', 'say:stop']);
    expect(show(p.time(ms(t0 + 32_250)))).toEqual([]);
    expect(show(p.stopped(true))).toEqual(['phase:done']);
  });

  it('the chair stand stops at its time even when the timer comes late, and may be stopped early', () => {
    const late = new ClinicalProtocol('chair-stand-30s');
    toRecorder(late);
    late.recordingStarted(ms(0));
    expect(show(late.time(ms(29_000)))).toEqual(['left:3']);
    expect(show(late.time(ms(40_000)))).toEqual(['phase:stopping', 'stop-record', 'say:stop']);
    const early = new ClinicalProtocol('chair-stand-30s');
    toRecorder(early);
    early.recordingStarted(ms(0));
    expect(show(early.stop())).toEqual(['phase:stopping', 'stop-record', 'say:stop']);
    expect(show(early.time(ms(32_000)))).toEqual([]);
  });

  it('stop before the recording started does nothing', () => {
    const p = new ClinicalProtocol('chair-stand-30s');
    expect(show(p.stop())).toEqual([]);
    p.start();
    expect(show(p.stop())).toEqual([]);
    p.answer(true);
    p.source(true);
    expect(show(p.stop())).toEqual([]);
    p.tick();
    p.tick();
    p.tick(); // asks for the recording
    expect(show(p.stop())).toEqual([]);
    expect(show(p.time(ms(1e9)))).toEqual([]); // time does not run before the recorder started
    expect(p.phase).toBe('countdown');
    expect(show(p.stopped(true))).toEqual([]);
  });

  it('a recorder that fails to start goes back to idle with the camera notice', () => {
    const p = new ClinicalProtocol('tug');
    toRecorder(p);
    expect(show(p.recordingFailed())).toEqual(['phase:idle', 'notice:no-camera']);
    expect(p.notice).toBe('no-camera');
    // A late report of a start changes nothing.
    expect(show(p.recordingStarted(ms(0)))).toEqual([]);
    expect(p.phase).toBe('idle');
  });

  it('a camera that does not start goes back to idle, and the countdown never starts', () => {
    const p = new ClinicalProtocol('sit-to-stand-5');
    p.start();
    p.answer(true);
    expect(show(p.source(false))).toEqual(['phase:idle', 'notice:no-camera']);
    expect(show(p.tick())).toEqual([]);
    // A new start clears the notice.
    expect(show(p.start())).toEqual(['phase:starting']);
    expect(p.notice).toBeNull();
  });

  it('"keep it" goes back to where start was asked, idle or done, without clearing the result', () => {
    const p = new ClinicalProtocol('walk-10m');
    p.start();
    expect(show(p.answer(false))).toEqual(['phase:idle']);
    expect(show(p.latest(true))).toEqual(['phase:done']);
    p.start();
    expect(show(p.answer(false))).toEqual(['phase:done']);
    expect(show(p.answer(true))).toEqual([]); // answered once
  });

  it('restarts after done, and a recording too short to analyse ends idle with a notice', () => {
    const p = new ClinicalProtocol('walk-4m');
    toRecorder(p);
    p.recordingStarted(ms(0));
    p.stop();
    p.stopped(true);
    expect(p.phase).toBe('done');
    // Again from done: the same sequence as the first time.
    expect(toRecorder(p)).toEqual([
      'phase:starting',
      'clear-result',
      'open-source',
      'phase:countdown',
      'say:ready',
      'countdown:3',
      'countdown:2',
      'countdown:1',
      'record',
    ]);
    expect(show(p.recordingStarted(ms(100)))).toEqual(['phase:recording', 'say:go']);
    p.stop();
    expect(show(p.stopped(false))).toEqual(['phase:idle', 'notice:too-short']);
    expect(p.notice).toBe('too-short');
  });

  it('the latest recording: analysed when there is one, else a notice; not while recording', () => {
    const p = new ClinicalProtocol('walk-4m');
    expect(show(p.latest(false))).toEqual(['phase:idle', 'notice:no-recording']);
    expect(show(p.latest(true))).toEqual(['phase:done']);
    toRecorder(p);
    p.recordingStarted(ms(0));
    expect(show(p.latest(true))).toEqual([]);
    expect(p.phase).toBe('recording');
  });
});
