import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../db/index.ts';
import { createAckBatcher } from './ack-batcher.ts';
import type { PushError } from './push-error.ts';

/** A database that records each batch statement's seqs and answers as if every ack were new. */
function fakeDb(fail = false) {
  const batches: number[][] = [];
  const db: Queryable = {
    async query<T>(_sql: string, params?: readonly unknown[]) {
      if (fail) throw new Error('connection refused');
      // The seqs go as an array literal: {1,2,3}.
      const seqs = String(params?.[1]).slice(1, -1).split(',').map(Number);
      batches.push([...seqs]);
      return [{ n: seqs.length }] as T[];
    },
    exec: async () => {},
  };
  return { db, batches };
}

const deviceId = '0b6f3f1e-8a55-4b8e-9f5d-6f2b9d0f6a11';

describe('ack batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes what arrived within the flush interval as one statement', async () => {
    const { db, batches } = fakeDb();
    const persisted: number[] = [];
    const batcher = createAckBatcher({
      db,
      flushMs: 50,
      maxBatch: 500,
      onPersisted: (n) => persisted.push(n),
      onError: () => {},
    });
    for (let seq = 1; seq <= 3; seq++) batcher.add(deviceId, seq);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(persisted).toEqual([3]);
  });

  it('writes at once when the batch is full, and answers each callback after the write', async () => {
    const { db, batches } = fakeDb();
    const batcher = createAckBatcher({
      db,
      flushMs: 50,
      maxBatch: 2,
      onPersisted: () => {},
      onError: () => {},
    });
    const answers: unknown[] = [];
    batcher.add(deviceId, 1, (a) => answers.push(a));
    batcher.add(deviceId, 2, (a) => answers.push(a));
    batcher.add(deviceId, 3);
    await batcher.flush();
    expect(batches).toEqual([[1, 2], [3]]);
    expect(answers).toEqual([{ data: { seq: 1 } }, { data: { seq: 2 } }]);
  });

  it('reports a failed write and answers its callbacks with push.ack-failed', async () => {
    const { db } = fakeDb(true);
    const errors: PushError[] = [];
    const batcher = createAckBatcher({
      db,
      flushMs: 50,
      maxBatch: 10,
      onPersisted: () => {},
      onError: (e) => errors.push(e),
    });
    const answers: unknown[] = [];
    batcher.add(deviceId, 1, (a) => answers.push(a));
    await batcher.flush();
    expect(errors.map((e) => e.code)).toEqual(['push.ack-failed']);
    expect(answers).toEqual([{ error: 'push.ack-failed', message: 'could not record 1 acks' }]);
  });

  it('keeps the acks of a message not yet committed aside, then writes or drops them', async () => {
    const { db, batches } = fakeDb();
    const batcher = createAckBatcher({
      db,
      flushMs: 50,
      maxBatch: 500,
      onPersisted: () => {},
      onError: () => {},
    });
    const answers: unknown[] = [];
    batcher.hold(7);
    batcher.hold(8);
    batcher.add(deviceId, 7);
    batcher.add(deviceId, 8, (answer) => answers.push(answer));
    batcher.add(deviceId, 6);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([[6]]);
    batcher.release(7, true);
    batcher.release(8, false);
    expect(answers).toEqual([{ error: 'push.bad-ack', message: 'message 8 was not stored' }]);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([[6], [7]]);
    // Released: later acks of it go straight to the buffer.
    batcher.add(deviceId, 7);
    await vi.advanceTimersByTimeAsync(50);
    expect(batches).toEqual([[6], [7], [7]]);
  });
});
