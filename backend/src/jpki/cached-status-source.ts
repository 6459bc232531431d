// Remembers good / revoked answers of another status source for a bounded time (default 5 min), so a login
// costs no OCSP round trip while the answer is young. Unknown is never cached: the next call asks again.
import { BoundedCache, type CacheStats } from './bounded-cache.ts';
import type { RevocationStatus, StatusQuery, StatusSource } from './revocation-status.ts';

export interface CachedStatusSourceOptions {
  /** How long an answer is reused (default 5 min). */
  maxAgeMs?: number;
  /** Certificates remembered at most (default 100,000). */
  maxEntries?: number;
  clock?: () => number;
}

export interface CachedStatusSource extends StatusSource {
  stats(): CacheStats;
  clear(): void;
}

export function createCachedStatusSource(
  inner: StatusSource,
  options: CachedStatusSourceOptions = {},
): CachedStatusSource {
  const cache = new BoundedCache<RevocationStatus>({ maxEntries: options.maxEntries ?? 100_000 });
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const clock = options.clock ?? Date.now;
  return {
    async check(query: StatusQuery): Promise<RevocationStatus> {
      const key = `${query.purpose}:${query.fingerprint}`;
      const cached = cache.get(key, clock());
      if (cached !== undefined) return cached;
      const status = await inner.check(query);
      if (status.status !== 'unknown') cache.set(key, status, clock() + maxAgeMs);
      return status;
    },
    stats: () => cache.stats(),
    clear: () => cache.clear(),
  };
}
