import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, idleTimeoutMs } from './idle-timer.ts';

describe('idle timer', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('fires once after the timeout, and each touch starts the wait again', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer({ timeoutMs: 1000, onIdle });
    timer.touch();
    vi.advanceTimersByTime(900);
    timer.touch();
    vi.advanceTimersByTime(900);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('takes a shorter timeout from the query string, never below a second', () => {
    expect(idleTimeoutMs('')).toBe(180_000);
    expect(idleTimeoutMs('?idle=2500')).toBe(2500);
    expect(idleTimeoutMs('?idle=10')).toBe(180_000);
    expect(idleTimeoutMs('?idle=soon')).toBe(180_000);
  });
});
