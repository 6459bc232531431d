// The watch-over ledger on a real disk: counts per hour (no keys), what is pending until the backend took it,
// past hours leaving once sent whole, the current hour staying, a restart keeping unsent hours, a damaged file
// set aside, hours older than the backend takes dropped.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLedger, watchOverDirName } from './activity-ledger.ts';

const hourMs = 3_600_000;
const start = Date.parse('2026-11-24T09:15:00Z');

describe('ActivityLedger', () => {
  let dataDir: string;
  let now: number;
  const clock = () => new Date(now);
  const open = async () => (await ActivityLedger.open({ dataDir, clock })).ledger;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'myna-watch-over-'));
    now = start;
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('counts presses and answers per hour and keeps what is not sent over a restart', async () => {
    const ledger = await open();
    ledger.count('press');
    ledger.count('press', 4);
    now += hourMs;
    ledger.count('answer');
    const pending = ledger.pending();
    expect(pending).toEqual([
      { hour: '2026-11-24T09:00:00.000Z', presses: 5, answers: 0 },
      { hour: '2026-11-24T10:00:00.000Z', presses: 0, answers: 1 },
    ]);
    await ledger.persist();
    const file = await readFile(join(dataDir, watchOverDirName, 'activity.json'), 'utf8');
    expect(file).not.toMatch(/ok|red|green|channel/);
    expect((await open()).pending()).toEqual(pending);
  });

  it('drops a past hour once the backend has it whole, keeps the present hour and later presses', async () => {
    const ledger = await open();
    ledger.count('press', 2);
    now += hourMs;
    ledger.count('press');
    const sent = ledger.pending();
    ledger.count('press');
    await ledger.acknowledge(sent);
    expect(ledger.pending()).toEqual([{ hour: '2026-11-24T10:00:00.000Z', presses: 2, answers: 0 }]);
    await ledger.acknowledge(ledger.pending());
    expect(ledger.pending()).toEqual([]);
    expect((await open()).pending()).toEqual([]);
  });

  it('sets a damaged file aside and starts empty', async () => {
    const ledger = await open();
    ledger.count('press');
    await ledger.persist();
    await writeFile(join(dataDir, watchOverDirName, 'activity.json'), '{"hours": {"x": 1}');
    const reopened = await ActivityLedger.open({ dataDir, clock });
    expect(reopened.corrupt).toBe(true);
    expect(reopened.ledger.pending()).toEqual([]);
  });

  it('drops hours older than the backend takes', async () => {
    const ledger = await open();
    ledger.count('press');
    now += 14 * 24 * hourMs;
    expect(ledger.pending()).toEqual([]);
  });
});
