import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicRound } from './periodic-round.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodicRound', () => {
  it('runs one round at a time: a call while one runs joins it', async () => {
    let release = () => {};
    let rounds = 0;
    const job = startPeriodicRound({
      everyMs: 0,
      round: async () => {
        rounds++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return rounds;
      },
      onError: () => {},
    });
    const first = job.run();
    const joined = job.run();
    release();
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    const next = job.run();
    release();
    expect(await next).toBe(2);
    await job.stop();
  });

  it('runs on its timer (and at start when asked), reporting failures to onError; stop ends it', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let rounds = 0;
    const job = startPeriodicRound({
      everyMs: 1000,
      atStart: true,
      round: async () => {
        rounds++;
        if (rounds === 2) throw new Error('round 2 failed');
      },
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds).toBe(3);
    expect(errors).toEqual([new Error('round 2 failed')]);
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(rounds).toBe(3);
  });

  it('has no timer with everyMs 0, and a failed run rejects for its caller', async () => {
    vi.useFakeTimers();
    let rounds = 0;
    const job = startPeriodicRound({
      everyMs: 0,
      atStart: true,
      round: async () => {
        rounds++;
        throw new Error('no');
      },
      onError: () => {
        throw new Error('not for run()');
      },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rounds).toBe(0);
    await expect(job.run()).rejects.toThrow('no');
    await job.stop();
  });

  it('stop waits for the round under way', async () => {
    let finished = false;
    const job = startPeriodicRound({
      everyMs: 0,
      round: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
      onError: () => {},
    });
    void job.run();
    await job.stop();
    expect(finished).toBe(true);
  });
});
