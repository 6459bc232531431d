// Acknowledgements from boxes arrive one socket event each; writing them one statement each would make the
// database the bottleneck of an alert, so they are buffered and written in batches. An alert brings one ack per
// box within a second, so the buffer is three flat arrays, with no object or Date per ack.
import type { Queryable } from '../db/index.ts';
import type { Acknowledgement, PushAck } from './contracts.ts';
import { type DeliveryAcks, recordAcks } from './message-log.ts';
import { PushError } from './push-error.ts';

export interface AckBatcherOptions {
  db: Queryable;
  /** Longest time an ack waits in the buffer. */
  flushMs: number;
  /** Buffer size that triggers a write at once. */
  maxBatch: number;
  /** Called after each successful write with the number of new delivery rows. */
  onPersisted: (count: number) => void;
  /** A failed write: its acks are dropped (the boxes get those messages again on their next connect). */
  onError: (error: PushError) => void;
}

type Done = (result: Acknowledgement<PushAck>) => void;

export interface AckBatcher {
  /** Buffers one ack; `done`, if given, is answered once its batch is written (or failed). */
  add(deviceId: string, seq: number, done?: Done): void;
  /**
   * Keeps the acks of message `seq` aside until `release(seq, true)`: the message is in a transaction not yet
   * committed (the write would not see it and drop them); `release(seq, false)` drops them (rolled back).
   */
  hold(seq: number): void;
  release(seq: number, committed: boolean): void;
  /** Writes what is buffered and waits for every write in flight. */
  flush(): Promise<void>;
}

interface Batch extends DeliveryAcks {
  /** The few acks whose box asked for an answer (the bridge sends plain events). */
  answers: { seq: number; done: Done }[];
}

const emptyBatch = (): Batch => ({ deviceIds: [], seqs: [], ackedAtMs: [], answers: [] });

export function createAckBatcher(options: AckBatcherOptions): AckBatcher {
  let buffer = emptyBatch();
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  const held = new Map<number, { deviceId: string; done: Done | undefined }[]>();

  async function write(batch: Batch): Promise<void> {
    try {
      options.onPersisted(await recordAcks(options.db, batch));
      for (const { seq, done } of batch.answers) done({ data: { seq } });
    } catch (err) {
      const error = new PushError('push.ack-failed', `could not record ${batch.seqs.length} acks`, {
        cause: err,
      });
      options.onError(error);
      for (const { done } of batch.answers) done({ error: error.code, message: error.message });
    }
  }

  function startWrite(): void {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.seqs.length === 0) return;
    const batch = buffer;
    buffer = emptyBatch();
    const writing = write(batch).finally(() => inFlight.delete(writing));
    inFlight.add(writing);
  }

  function add(deviceId: string, seq: number, done?: Done): void {
    const waiting = held.get(seq);
    if (waiting) {
      waiting.push({ deviceId, done });
      return;
    }
    buffer.deviceIds.push(deviceId);
    buffer.seqs.push(seq);
    buffer.ackedAtMs.push(Date.now());
    if (done) buffer.answers.push({ seq, done });
    if (buffer.seqs.length >= options.maxBatch) startWrite();
    else timer ??= setTimeout(startWrite, options.flushMs);
  }

  return {
    add,
    hold(seq) {
      if (!held.has(seq)) held.set(seq, []);
    },
    release(seq, committed) {
      const waiting = held.get(seq);
      held.delete(seq);
      for (const { deviceId, done } of waiting ?? []) {
        if (committed) add(deviceId, seq, done);
        else done?.({ error: 'push.bad-ack', message: `message ${seq} was not stored` });
      }
    },
    async flush() {
      startWrite();
      await Promise.all([...inFlight]);
    },
  };
}
