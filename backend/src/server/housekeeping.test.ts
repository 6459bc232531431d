import { expect, it } from 'vitest';
import type { Queryable } from '../db/index.ts';
import { MemoryChallengeStore } from '../jpki/index.ts';
import { createLogger } from '../observability/index.ts';
import { startHousekeeping } from './housekeeping.ts';

const now = new Date('2026-04-01T12:00:00Z');

it('removes sessions ended over a day ago and challenges expired over an hour ago, and logs failures', async () => {
  const statements: unknown[][] = [];
  const db: Queryable = {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      statements.push([sql, ...(params ?? [])]);
      return [{}, {}] as T[];
    },
    exec: async () => {},
  };
  const challenges = new MemoryChallengeStore();
  const expiry = (iso: string) => ({ challenge: iso, deviceId: 'd', expiresAt: new Date(iso) });
  await challenges.save(expiry('2026-04-01T10:30:00Z'));
  await challenges.save(expiry('2026-04-01T11:30:00Z'));
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => void lines.push(line) });
  const housekeeping = startHousekeeping({ db, challenges, clock: () => now, logger });
  await housekeeping.run();
  await housekeeping.stop();

  expect(statements).toEqual([
    ['DELETE FROM sessions WHERE idle_expires_at < $1 RETURNING 1', new Date('2026-03-31T12:00:00Z')],
  ]);
  expect(await challenges.consume('2026-04-01T10:30:00Z')).toBeUndefined();
  expect(await challenges.consume('2026-04-01T11:30:00Z')).toBeDefined();
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
    msg: 'housekeeping',
    sessionsRemoved: 2,
    challengesRemoved: 1,
  });

  const failing = startHousekeeping({
    db: { ...db, query: async () => Promise.reject(new Error('connection refused')) },
    challenges,
    clock: () => now,
    logger,
  });
  await failing.run();
  await failing.stop();
  expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ level: 'warn', msg: 'housekeeping failed' });
});
