import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isReportError } from './report-error.ts';
import { outboxDirName, ReportOutbox } from './report-outbox.ts';

const submissionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const report = (n: number) => ({
  submissionId: submissionId(n),
  contractId: '6f1c1a52-3d8e-4b7a-9a8e-2f4c5d6e7f80',
  period: '2026-11',
  insurerName: 'みなみ年金基金',
  signedReport: new Uint8Array([0x30, 0x82, 0x01, n]),
});

describe('ReportOutbox', () => {
  let dataDir: string;
  let dir: string;
  let now: number;
  const open = () => ReportOutbox.open(dataDir, { now: () => now });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'myna-outbox-'));
    dir = join(dataDir, outboxDirName);
    now = Date.parse('2026-11-24T03:00:00Z');
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps a report on disk, readable by the owner only, across a restart', async () => {
    const { outbox } = await open();
    const entry = await outbox.add(report(1));
    now += 1000;
    await outbox.add(report(2));
    expect((await stat(join(dir, `${submissionId(1)}.json`))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);

    const { outbox: reopened, setAside } = await open();
    expect(setAside).toEqual([]);
    expect(reopened.waiting().map((e) => e.submissionId)).toEqual([submissionId(1), submissionId(2)]);
    expect(reopened.get(submissionId(1))).toEqual(entry);
    expect(Buffer.from(entry.signedReport, 'base64')).toEqual(Buffer.from([0x30, 0x82, 0x01, 1]));
    expect(reopened.findWaiting(entry.contractId, '2026-11')?.submissionId).toBe(submissionId(1));
  });

  it('keeps a refused report as failed, and forgets a removed one, across a restart', async () => {
    const { outbox } = await open();
    await outbox.add(report(1));
    await outbox.add(report(2));
    await outbox.markFailed(submissionId(1), { code: 'report.contract-not-held', message: 'not yours' });
    await outbox.remove(submissionId(2));

    const { outbox: reopened } = await open();
    expect(reopened.waiting()).toEqual([]);
    expect(reopened.entries()).toEqual([
      expect.objectContaining({
        submissionId: submissionId(1),
        state: 'failed',
        failure: { code: 'report.contract-not-held', message: 'not yours', at: '2026-11-24T03:00:00.000Z' },
      }),
    ]);
    expect(await readdir(dir)).toEqual([`${submissionId(1)}.json`]);
  });

  it('never takes a torn, damaged or misnamed file for a report, and sets it aside', async () => {
    const { outbox } = await open();
    await outbox.add(report(1));
    await outbox.add(report(2));
    await outbox.add(report(3));
    const file = (n: number) => join(dir, `${submissionId(n)}.json`);
    const whole = await readFile(file(1), 'utf8');
    // Cut short, as by a disk that lost the end of the write.
    await writeFile(file(1), whole.slice(0, Math.floor(whole.length / 2)));
    // Whole JSON, but the signed bytes changed: the checksum no longer matches.
    const damaged = JSON.parse(await readFile(file(2), 'utf8')) as { signedReport: string };
    damaged.signedReport = Buffer.from([0x30, 0x82, 0x01, 0x99]).toString('base64');
    await writeFile(file(2), JSON.stringify(damaged));
    // Another report's content under this name.
    await writeFile(join(dir, `${submissionId(4)}.json`), await readFile(file(3), 'utf8'));
    // A write that a power cut stopped before its rename.
    await writeFile(join(dir, `${submissionId(5)}.json.1a2b3c.tmp`), '{"submissionId":');

    const { outbox: reopened, setAside } = await open();
    expect(reopened.entries().map((e) => e.submissionId)).toEqual([submissionId(3)]);
    expect(setAside.sort()).toEqual([1, 2, 4].map((n) => `${submissionId(n)}.json`));
    expect((await readdir(dir)).sort()).toEqual(
      [`${submissionId(1)}.json.corrupt`, `${submissionId(2)}.json.corrupt`, `${submissionId(3)}.json`]
        .concat(`${submissionId(4)}.json.corrupt`)
        .sort(),
    );
  });

  it('keeps nothing when the write fails, and says so', async () => {
    const { outbox } = await open();
    // A folder where the file should go makes the rename fail, even for root.
    await mkdir(join(dir, `${submissionId(1)}.json`));
    const error = await outbox.add(report(1)).catch((e: unknown) => e);
    expect(isReportError(error, 'report.outbox-write-failed')).toBe(true);
    expect(outbox.entries()).toEqual([]);
  });
});
