// The ChallengeStore contract, shared by every implementation: each store's own test file calls
// `challengeStoreCases` with a factory (memory-challenge-store.test.ts; the PostgreSQL store's later).
import { describe, expect, it } from 'vitest';
import type { ChallengeStore } from './challenge-store.ts';

export function challengeStoreCases(name: string, create: () => Promise<ChallengeStore>): void {
  describe(`ChallengeStore: ${name}`, () => {
    const record = (challenge: string, expiresAt = new Date(Date.now() + 60_000)) => ({
      challenge,
      deviceId: 'stb-1',
      expiresAt,
    });

    it('returns a saved challenge once as fresh, then as already used', async () => {
      const store = await create();
      await store.save(record('c1'));
      expect(await store.consume('c1')).toEqual({
        record: record('c1', expect.any(Date)),
        alreadyUsed: false,
      });
      expect(await store.consume('c1')).toMatchObject({ alreadyUsed: true });
    });

    it('does not know challenges it never saw', async () => {
      const store = await create();
      expect(await store.consume('never')).toBeUndefined();
    });

    it('accepts a challenge once under concurrent consumes', async () => {
      const store = await create();
      await store.save(record('race'));
      const results = await Promise.all([1, 2, 3, 4].map(() => store.consume('race')));
      expect(results.filter((r) => r?.alreadyUsed === false)).toHaveLength(1);
    });

    it('purges expired challenges only', async () => {
      const store = await create();
      await store.save(record('old', new Date(Date.now() - 1000)));
      await store.save(record('new'));
      expect(await store.purgeExpired(new Date())).toBe(1);
      expect(await store.consume('old')).toBeUndefined();
      expect(await store.consume('new')).toMatchObject({ alreadyUsed: false });
    });
  });
}
