// Card round trip through the real PC/SC stack: a private pcscd, the vpcd reader and the virtual card
// (the emulator), driven by the JPKI client the way a login does it: select the JPKI AP, read the
// user-authentication certificate, verify the PIN, sign a challenge. N = 50 timed iterations after a
// warm-up; target: median under 150 ms. Run alone with `npx tsx test/bench/card-round-trip.ts`, or
// with the others through `npm run bench`.
//
// Stock vpcd writes each frame as two writes (length, then payload) without TCP_NODELAY, so Nagle holds the
// payload until our side ACKs the length; with Linux's delayed ACK that is ~40 ms per APDU, an artefact of
// the emulation transport that USB readers do not have. scripts/setup-system turns delayed ACK off on the
// loopback routes (`quickack 1`); the figures say whether it was on.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  type CardReader,
  createMemoryPinCounterStore,
  createTestCardContents,
  JpkiClient,
  PcscReader,
  VirtualJpkiCard,
  type VpcdCard,
  VpcdLink,
} from '@myna-tv/stb-bridge';
import { startPcscd } from '../support/pcscd.ts';

const ITERATIONS = 50;
const WARM_UP = 3;
const TARGET_MEDIAN_MS = 150;

interface Run {
  samples: number[];
  apdusPerIteration: number;
}

export async function benchCardRoundTrip(): Promise<{
  name: string;
  figures: Record<string, number | string>;
}> {
  const pcscd = await startPcscd();
  // libpcsclite reads the socket name at this process's first PC/SC call, which comes below.
  process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
  const { contents } = createTestCardContents('bench-holder');
  const emulator = new VirtualJpkiCard({ contents, pinCounters: createMemoryPinCounterStore() });
  const counter = { apdus: 0 };
  const card: VpcdCard = {
    atr: emulator.atr,
    reset: () => emulator.reset(),
    transmit: (command) => {
      counter.apdus += 1;
      return emulator.transmit(command);
    },
  };
  const link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  const reader = await PcscReader.open({ reconnectIntervalMs: 100 });
  try {
    link.insert();
    const run = await measure(reader, pcscd.readerName, contents.secrets.auth, counter);
    const median = quantile(run.samples, 0.5);
    return {
      name: 'Card round trip: read auth cert + verify PIN + sign (pcscd + vpcd + emulator)',
      figures: {
        iterations: ITERATIONS,
        'APDUs per iteration': run.apdusPerIteration,
        'auth certificate bytes': contents.certs.auth.length,
        'loopback delayed ACK': loopbackQuickAck() ? 'off (quickack 1)' : 'on (expect ~40 ms per APDU)',
        'median ms': round(median),
        'p90 ms': round(quantile(run.samples, 0.9)),
        'min ms': round(quantile(run.samples, 0)),
        'max ms': round(quantile(run.samples, 1)),
        'target median ms': TARGET_MEDIAN_MS,
        'meets target': median < TARGET_MEDIAN_MS ? 'yes' : 'no',
        machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`,
      },
    };
  } finally {
    await reader.close();
    await link.remove();
    await pcscd.stop();
  }
}

async function measure(
  reader: CardReader,
  name: string,
  pin: string,
  counter: { apdus: number },
): Promise<Run> {
  await reader.waitForCard({ reader: name, timeoutMs: 15_000 });
  const connection = await reader.connect({ reader: name });
  const samples: number[] = [];
  let apdusPerIteration = 0;
  try {
    for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
      const before = counter.apdus;
      const started = performance.now();
      // A new client selects the JPKI AP again, which logs out: every iteration verifies afresh.
      const client = new JpkiClient(connection);
      await client.readCertificate('auth');
      await client.verifyPin('auth', pin);
      await client.signWithAuthKey(randomBytes(32));
      if (i >= WARM_UP) samples.push(performance.now() - started);
      apdusPerIteration = counter.apdus - before;
    }
  } finally {
    await connection.disconnect();
  }
  return { samples: samples.sort((a, b) => a - b), apdusPerIteration };
}

/** Whether the loopback route has delayed ACK turned off (set by scripts/setup-system). */
function loopbackQuickAck(): boolean {
  try {
    return /local 127\.0\.0\.1 .*quickack 1/.test(
      execFileSync('ip', ['route', 'show', 'table', 'local']).toString(),
    );
  } catch {
    return false;
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchCardRoundTrip();
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
