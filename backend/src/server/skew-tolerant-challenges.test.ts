import { expect, it } from 'vitest';
import { MemoryChallengeStore } from '../jpki/index.ts';
import { tolerateClockSkew } from './skew-tolerant-challenges.ts';

const challenge = 'c'.repeat(43);

it('accepts a challenge until its expiry plus the tolerance; once only', async () => {
  const store = tolerateClockSkew(new MemoryChallengeStore(), 30_000);
  const expiresAt = new Date('2026-04-01T09:02:00Z');
  await store.save({ challenge, deviceId: 'd', expiresAt });
  const first = await store.consume(challenge);
  expect(first?.record.expiresAt).toEqual(new Date('2026-04-01T09:02:30Z'));
  expect(first?.alreadyUsed).toBe(false);
  expect((await store.consume(challenge))?.alreadyUsed).toBe(true);
  expect(await store.consume('x'.repeat(43))).toBeUndefined();
});

it('does not purge a challenge that could still be accepted', async () => {
  const store = tolerateClockSkew(new MemoryChallengeStore(), 30_000);
  await store.save({ challenge, deviceId: 'd', expiresAt: new Date('2026-04-01T09:02:00Z') });
  expect(await store.purgeExpired(new Date('2026-04-01T09:02:20Z'))).toBe(0);
  expect(await store.purgeExpired(new Date('2026-04-01T09:02:31Z'))).toBe(1);
});
