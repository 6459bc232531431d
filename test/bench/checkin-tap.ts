// Tap to "done" at a shelter desk with the emulated card through pcscd + vpcd: connect (the bridge's
// CardAccess: a fresh connection per operation), read the user-auth certificate (no PIN), check it offline against the cached CA and CRL, journal the check-in with fsync.
// Goal: median under 300 ms (a real card adds its own time). With PIN: verify and sign a challenge too.
//   npx tsx test/bench/checkin-tap.ts [--taps 50]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CheckinJournal, loadCardTrust, tapCheckIn } from '@myna-tv/stb-bridge';
import { openCardDesk } from '../shelter/support/card-desk.ts';

export async function benchCheckinTap(
  options: { taps?: number } = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { taps = 50 } = options;
  const desk = await openCardDesk();
  const journalDir = await mkdtemp(join(os.tmpdir(), 'bench-checkin-tap-'));
  const { journal } = await CheckinJournal.open(journalDir);
  try {
    const trust = await loadCardTrust(desk.trustDir);
    const time = async (pin?: string) => {
      const ms: number[] = [];
      for (let i = 0; i < taps; i++) {
        const started = performance.now();
        await desk.access.withJpki((card) =>
          tapCheckIn({ card, trust, journal, groupId: null, ...(pin ? { pin } : {}) }),
        );
        ms.push(performance.now() - started);
      }
      return ms.sort((a, b) => a - b);
    };
    await time(); // warm-up: first APDUs, JIT
    const plain = await time();
    const withPin = await time(desk.holder.pin);
    const at = (sorted: number[], p: number) =>
      round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
    return {
      name: `Shelter tap to done: emulated card through pcscd + vpcd, offline check, journal fsync (${taps} taps)`,
      figures: {
        'tap without PIN median ms': at(plain, 50),
        'tap without PIN p95 ms': at(plain, 95),
        'tap with PIN (verify + sign challenge) median ms': at(withPin, 50),
        'tap with PIN p95 ms': at(withPin, 95),
      },
    };
  } finally {
    await journal.close();
    await rm(journalDir, { recursive: true, force: true });
    await desk.close();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { taps: { type: 'string' } } });
  const result = await benchCheckinTap(values.taps ? { taps: Number(values.taps) } : {});
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
