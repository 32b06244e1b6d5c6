// The update hold: a new version waits while anything is recording or analysing, and goes ahead once idle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addBusyCheck, holdUpdates, isBusy, whenIdle } from '../../src/ui/pwa/busy';

describe('update hold', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is idle with no holds, busy while a hold or a check says so', () => {
    expect(isBusy()).toBe(false);
    const release = holdUpdates('recording');
    expect(isBusy()).toBe(true);
    release();
    expect(isBusy()).toBe(false);
    let recording = true;
    const remove = addBusyCheck(() => recording);
    expect(isBusy()).toBe(true);
    recording = false;
    expect(isBusy()).toBe(false);
    remove();
  });

  it('runs at once when idle, and after the last hold is released when busy', () => {
    const ran: string[] = [];
    whenIdle(() => ran.push('idle'));
    expect(ran).toEqual(['idle']);
    const a = holdUpdates('recording');
    const b = holdUpdates('file analysis');
    whenIdle(() => ran.push('reload'));
    vi.advanceTimersByTime(10_000);
    a();
    a(); // releasing twice changes nothing
    expect(ran).toEqual(['idle']);
    b();
    expect(ran).toEqual(['idle', 'reload']);
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual(['idle', 'reload']); // once only
  });

  it('notices a busy check turning false within a second', () => {
    let recording = true;
    const remove = addBusyCheck(() => recording);
    const ran: number[] = [];
    whenIdle(() => ran.push(1));
    vi.advanceTimersByTime(5_000);
    expect(ran).toEqual([]);
    recording = false;
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual([1]);
    remove();
  });
});
