// The vaccination reminder job as the server runs it, on PostgreSQL with two connection pools standing for two
// backend nodes: rounds at start and again, at the same time on both, give each linked parent exactly one
// notice per due dose, and not again after the mailbox purged those notices.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createFieldCipher } from '../crypto/index.ts';
import { createPostgresDatabase, createTempPostgresDatabase, type Database, migrate } from '../db/index.ts';
import { purgeExpiredNotices } from '../mailbox/index.ts';
import { japanDay } from './child-record.ts';
import { readBundle } from './fhir-bundle.ts';
import { bundleSha256, storeBundle } from './health-records.ts';
import { bundle, immunization, patient } from './health-test-support.ts';
import { dueDoses } from './immunisation-schedule.ts';
import { startReminderJob } from './reminder-job.ts';

const cipher = createFieldCipher([{ id: 'k', key: new Uint8Array(32).fill(9) }]);
const day = 86_400_000;
const minami = '363871';
let temp: Awaited<ReturnType<typeof createTempPostgresDatabase>>;
let nodes: [Database, Database];
const parents = [crypto.randomUUID(), crypto.randomUUID()];
const now = new Date();
const birthDate = japanDay(new Date(now.getTime() - 55 * day));

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  nodes = [createPostgresDatabase({ url: temp.url }), createPostgresDatabase({ url: temp.url })];
  const [db] = nodes;
  await migrate(db);
  for (const id of parents)
    await db.query(
      `INSERT INTO residents (id, basic_info_index, basic_info_sealed, sign_cert_issuer, sign_cert_serial,
         registered_at, updated_at) VALUES ($1, $2, 'x', 'CN=ca', '01', now(), now())`,
      [id, `index-${id}`],
    );
  // A child of 55 days with hepatitis B dose 1 given early: doses at 2 months fall due within two weeks.
  const read = readBundle(
    bundle(
      patient('c-1', { municipality: minami, birthDate }),
      immunization('i-1', 'c-1', { vaccine: 'hepb', dose: 1, at: `${birthDate}T10:00:00+09:00` }),
    ),
    { municipality: minami, today: japanDay(now) },
  );
  expect(read.problems).toEqual([]);
  await storeBundle(db, cipher, {
    municipality: minami,
    source: 'test',
    sha256: bundleSha256('b'),
    bundle: read,
    now,
  });
  const application = crypto.randomUUID();
  await db.query(
    `INSERT INTO health_link_applications (id, resident_id, local_government_code, cms_sha256, application_sealed,
       state, submitted_at, receipt_number) VALUES ($1, $2, $3, 'sha', 'x', 'approved', now(), '2026-1124-000001')`,
    [application, parents[0], minami],
  );
  await db.query(
    `INSERT INTO health_parent_links (resident_id, child_id, application_id, linked_at)
     SELECT unnest($1::uuid[]), id, $2, now() FROM health_children`,
    [parents, application],
  );
}, 120_000);
afterAll(async () => {
  for (const db of nodes) await db.close();
  await temp.drop();
});

it('sends each linked parent one notice per due dose, however often and on however many nodes it runs', async () => {
  const leadDays = 14;
  const expected = dueDoses({
    birthDate,
    sex: 'female',
    given: [{ vaccine: 'hepb', dose: 1, date: birthDate }],
    today: japanDay(now),
  }).filter((d) => d.dueOn <= japanDay(new Date(now.getTime() + leadDays * day)));
  expect(expected.length).toBeGreaterThan(2);
  const errors: unknown[] = [];
  const added: number[] = [];
  const jobs = nodes.map((db) =>
    startReminderJob({
      db,
      cipher,
      clock: () => now,
      leadDays,
      everyMs: 3_600_000,
      onRound: (round) => added.push(round.notices),
      onError: (e) => errors.push(e),
    }),
  );
  // Each job runs a round as it starts (nobody asked yet), both nodes at once; then three more rounds on both
  // at once, the first asked twice per node (joined, not doubled).
  await vi.waitFor(() => expect(added).toHaveLength(2), { timeout: 60_000 });
  await Promise.all([...jobs, ...jobs].map((job) => job.run()));
  for (let i = 0; i < 2; i += 1) await Promise.all(jobs.map((job) => job.run()));
  expect(added).toHaveLength(8);
  const [db] = nodes;
  const notices = await db.query<{ resident_id: string; n: number }>(
    `SELECT resident_id::text, count(*)::int AS n FROM resident_notices WHERE kind = 'vaccination-reminder'
      GROUP BY resident_id ORDER BY resident_id`,
  );
  expect(notices).toEqual([...parents].sort().map((id) => ({ resident_id: id, n: expected.length })));
  expect(added.reduce((sum, n) => sum + n, 0)).toBe(parents.length * expected.length);
  const bodies = await db.query<{ n: number }>(
    `SELECT count(DISTINCT dedupe_key)::int AS n FROM resident_notices WHERE kind = 'vaccination-reminder'`,
  );
  expect(bodies[0]?.n).toBe(parents.length * expected.length);

  // The mailbox purges the notices; the doses are still due, and still nobody is reminded twice.
  await purgeExpiredNotices(db, { now: new Date(now.getTime() + 2 * day), retentionDays: 1 });
  expect((await jobs[1]?.run())?.notices).toBe(0);
  expect(await db.query("SELECT 1 FROM resident_notices WHERE kind = 'vaccination-reminder'")).toEqual([]);
  for (const job of jobs) await job.stop();
  expect(errors).toEqual([]);
}, 120_000);
