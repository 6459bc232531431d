import { describe, expect, it } from 'vitest';
import { challengeStoreCases } from './challenge-store.case.test.ts';
import { MemoryChallengeStore } from './memory-challenge-store.ts';

challengeStoreCases('in-memory', async () => new MemoryChallengeStore());

describe('MemoryChallengeStore bound', () => {
  it('drops the oldest challenges past maxEntries', async () => {
    const store = new MemoryChallengeStore({ maxEntries: 2 });
    const expiresAt = new Date(Date.now() + 60_000);
    for (const challenge of ['a', 'b', 'c']) await store.save({ challenge, deviceId: 'd', expiresAt });
    expect(await store.consume('a')).toBeUndefined();
    expect(await store.consume('c')).toMatchObject({ alreadyUsed: false });
  });
});
