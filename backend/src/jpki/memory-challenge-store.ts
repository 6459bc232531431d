// In-memory ChallengeStore for a single backend process (tests, development, one-node setups). Bounded:
// expired entries are purged when it fills, and past the bound the oldest challenges are dropped.
import type { ChallengeStore, StoredChallenge } from './challenge-store.ts';

export class MemoryChallengeStore implements ChallengeStore {
  readonly #entries = new Map<string, { record: StoredChallenge; used: boolean }>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
  }

  async save(record: StoredChallenge): Promise<void> {
    if (this.#entries.size >= this.#maxEntries) this.#purge(new Date());
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(record.challenge, { record: { ...record }, used: false });
  }

  async consume(challenge: string): Promise<{ record: StoredChallenge; alreadyUsed: boolean } | undefined> {
    const entry = this.#entries.get(challenge);
    if (entry === undefined) return undefined;
    const alreadyUsed = entry.used;
    entry.used = true;
    return { record: { ...entry.record }, alreadyUsed };
  }

  async purgeExpired(before: Date): Promise<number> {
    return this.#purge(before);
  }

  #purge(before: Date): number {
    let removed = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.record.expiresAt.getTime() < before.getTime()) {
        this.#entries.delete(key);
        removed += 1;
      }
    }
    return removed;
  }
}
