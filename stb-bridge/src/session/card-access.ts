// The bridge's one way to the card: one operation at a time, each on a fresh connection that is closed after
// it. Closing powers the card down, so a verified PIN never outlives the request that verified it.
import type { CardReader } from '../card/card-reader.ts';
import { JpkiClient } from '../jpki/jpki-client.ts';

export interface CardAccessOptions {
  /** Per-command timeout (default: the reader's). */
  timeoutMs?: number;
}

export class CardAccess {
  readonly #reader: CardReader;
  readonly #options: CardAccessOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(reader: CardReader, options: CardAccessOptions = {}) {
    this.#reader = reader;
    this.#options = options;
  }

  /** Runs `operation` with a JPKI client on the present card (throws `card.no-reader` / `card.absent`). */
  withJpki<T>(operation: (jpki: JpkiClient) => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      const connection = await this.#reader.connect();
      try {
        const jpki = new JpkiClient(
          connection,
          this.#options.timeoutMs ? { timeoutMs: this.#options.timeoutMs } : {},
        );
        return await operation(jpki);
      } finally {
        await connection.disconnect().catch(() => {});
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
