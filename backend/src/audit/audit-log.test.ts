// The audit log is append-only in the database itself: the trigger refuses UPDATE, DELETE and TRUNCATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from '../db/index.ts';
import { createTestApp, type TestApp } from '../http/testing/test-app.ts';
import { listAuditEntries, recordAudit } from './audit-log.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who did what to which record, newest first', async () => {
    const actor = { id: 'acc-1', role: 'operator-admin' as const, requestId: 'req-1' };
    await recordAudit(t.db, {
      actor,
      action: 'device.enrol',
      target: { type: 'device', id: 'd-1' },
      at: t.clock(),
    });
    await recordAudit(t.db, {
      actor,
      action: 'device.revoke',
      target: { type: 'device', id: 'd-1' },
      at: t.clock(),
    });
    const entries = await listAuditEntries(t.db, { limit: 10, targetType: 'device', targetId: 'd-1' });
    expect(entries.map((e) => e.action)).toEqual(['device.revoke', 'device.enrol']);
    expect(entries[0]).toMatchObject({ actor, target: { type: 'device', id: 'd-1' } });
    const older = await listAuditEntries(t.db, { limit: 10, before: entries[0]?.entryId ?? '' });
    expect(older[0]?.entryId).toBe(entries[1]?.entryId);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const statement of [
      "UPDATE audit_log SET actor_id = 'someone else'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      const error = await t.db.query(statement).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbError);
      expect((error as DbError).message).toContain('append-only');
    }
    expect((await listAuditEntries(t.db, { limit: 10 })).length).toBeGreaterThanOrEqual(2);
  });
});
