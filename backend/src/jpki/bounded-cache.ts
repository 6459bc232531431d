// A small cache bounded in size and entry age, with hit/miss counters for metrics. Map insertion order is
// the eviction order: re-set entries move to the back, so the oldest write goes first.

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
}

export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;
  #hits = 0;
  #misses = 0;

  constructor(options: { maxEntries: number }) {
    this.#maxEntries = options.maxEntries;
  }

  get(key: string, nowMs: number): V | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > nowMs) {
      this.#hits += 1;
      return entry.value;
    }
    if (entry !== undefined) this.#entries.delete(key);
    this.#misses += 1;
    return undefined;
  }

  set(key: string, value: V, expiresAt: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
  }

  stats(): CacheStats {
    return { hits: this.#hits, misses: this.#misses, size: this.#entries.size };
  }
}
