import { describe, expect, it } from 'vitest';
import { createCachedStatusSource } from './cached-status-source.ts';
import { createFallbackStatusSource } from './fallback-status-source.ts';
import type { RevocationStatus, StatusQuery, StatusSource } from './revocation-status.ts';

// These sources only route answers; the query's certificates are never looked at.
const query = (fingerprint: string) => ({ purpose: 'auth', fingerprint }) as StatusQuery;

function scripted(...answers: RevocationStatus[]): StatusSource & { calls: number } {
  const source = {
    calls: 0,
    async check() {
      source.calls += 1;
      return answers[Math.min(source.calls - 1, answers.length - 1)] as RevocationStatus;
    },
  };
  return source;
}

describe('createCachedStatusSource', () => {
  it('reuses an answer until it is maxAge old and counts hits and misses', async () => {
    let now = 0;
    const inner = scripted({ status: 'good' });
    const cached = createCachedStatusSource(inner, { maxAgeMs: 1000, clock: () => now });
    await cached.check(query('a'));
    now = 999;
    await cached.check(query('a'));
    expect(inner.calls).toBe(1);
    now = 1000;
    await cached.check(query('a'));
    await cached.check(query('b'));
    expect(inner.calls).toBe(3);
    expect(cached.stats()).toEqual({ hits: 1, misses: 3, size: 2 });
  });

  it('never caches unknown', async () => {
    const inner = scripted({ status: 'unknown', why: 'down' }, { status: 'good' });
    const cached = createCachedStatusSource(inner);
    expect(await cached.check(query('a'))).toEqual({ status: 'unknown', why: 'down' });
    expect(await cached.check(query('a'))).toEqual({ status: 'good' });
  });

  it('keeps at most maxEntries answers', async () => {
    const inner = scripted({ status: 'good' });
    const cached = createCachedStatusSource(inner, { maxEntries: 2 });
    for (const key of ['a', 'b', 'c', 'a']) await cached.check(query(key));
    expect(inner.calls).toBe(4);
    expect(cached.stats().size).toBe(2);
  });
});

describe('createFallbackStatusSource', () => {
  it('keeps the first known answer and joins the reasons when none knows', async () => {
    const revoked: RevocationStatus = { status: 'revoked', reason: 'keyCompromise', revokedAt: new Date(0) };
    const down = scripted({ status: 'unknown', why: 'OCSP down' });
    expect(await createFallbackStatusSource([down, scripted(revoked)]).check(query('a'))).toEqual(revoked);
    const none = createFallbackStatusSource([down, scripted({ status: 'unknown', why: 'no CRL' })]);
    expect(await none.check(query('a'))).toEqual({ status: 'unknown', why: 'OCSP down; no CRL' });
    expect(await createFallbackStatusSource([]).check(query('a'))).toMatchObject({ status: 'unknown' });
  });
});
