// Acknowledgements from boxes arrive one socket event each; writing them one statement each would make the
// database the bottleneck of an alert, so they are buffered and written in batches.
import type { Queryable } from '../db/index.ts';
import type { Acknowledgement, PushAck } from './contracts.ts';
import { type DeliveryAck, recordAcks } from './message-log.ts';
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
  add(ack: DeliveryAck, done?: Done): void;
  /** Writes what is buffered and waits for every write in flight. */
  flush(): Promise<void>;
}

export function createAckBatcher(options: AckBatcherOptions): AckBatcher {
  let buffer: { ack: DeliveryAck; done: Done | undefined }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  async function write(batch: typeof buffer): Promise<void> {
    try {
      const count = await recordAcks(
        options.db,
        batch.map((entry) => entry.ack),
      );
      options.onPersisted(count);
      for (const { ack, done } of batch) done?.({ data: { seq: ack.seq } });
    } catch (err) {
      const error = new PushError('push.ack-failed', `could not record ${batch.length} acks`, { cause: err });
      options.onError(error);
      for (const { done } of batch) done?.({ error: error.code, message: error.message });
    }
  }

  function startWrite(): void {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const writing = write(batch).finally(() => inFlight.delete(writing));
    inFlight.add(writing);
  }

  return {
    add(ack, done) {
      buffer.push({ ack, done });
      if (buffer.length >= options.maxBatch) startWrite();
      else timer ??= setTimeout(startWrite, options.flushMs);
    },
    async flush() {
      startWrite();
      await Promise.all([...inFlight]);
    },
  };
}
