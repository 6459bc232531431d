// Push fan-out: one ~1 KB alert to every connected box (docs: shared/specs/push.md §5 goals). Backend node(s)
// and the boxes run in separate processes on this machine, over loopback, as in the spec's harness; the boxes'
// process burns CPU on the same cores, so receive times are end-to-end upper bounds. The floor is the same
// payload written by a plain `ws` server to as many plain clients.
//   npx tsx test/bench/push-fanout.ts [--n 10000] [--servers 1|2] [--trials 3] [--chunk 1000] [--boxes raw|sio]
//     [--profile DIR] [--box-processes K]
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createPostgresDatabase,
  createTempPostgresDatabase,
  migrate,
  type PushStats,
} from '@myna-tv/backend';
import { startBenchBoxes } from '../push/support/bench-boxes.ts';
import { fanOutOf, type SendPhase } from '../push/support/bench-node-ops.ts';
import { type NodeProcess, startNodeProcess } from '../push/support/node-process.ts';
import { addTestDevices, createTestDeviceTable } from '../push/support/test-devices.ts';
import {
  average,
  cpuShare,
  gcFlag,
  median,
  msBetween,
  type Probe,
  probeAll,
  round,
  sum,
  pushSupport as support,
} from './support/push-bench.ts';

export interface PushFanoutOptions {
  /** Boxes (default 10,000; ulimit -n is 20,000 here, per process). */
  n?: number;
  /** 1: in-memory adapter; 2: two nodes sharing Redis, boxes split between them. */
  servers?: 1 | 2;
  /** Measured pushes after one warm-up (default 3). */
  trials?: number;
  /** Sockets per event-loop turn in the fan-out (default: the gateway's). */
  chunkSize?: number;
  /**
   * The boxes: 'raw' (default) are bare `ws` connections speaking the engine.io/socket.io wire protocol, a lean
   * load generator; 'sio' are socket.io-client sockets, which cost about as much CPU as the server.
   */
  boxes?: 'raw' | 'sio';
  /** Write a CPU profile of each backend node and measured trial (publish until acks persisted) here. */
  profileDir?: string;
  /** Processes the boxes are spread over. Two (default): one process of 10,000 boxes, starved while two nodes write, would set the last-box time of the two-node run (+69 % over one node; +17 % with two). */
  boxProcesses?: number;
}

export async function benchPushFanout(
  options: PushFanoutOptions = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { n = 10_000, servers = 1, trials = 3, profileDir, chunkSize, boxes: boxKind = 'raw' } = options;
  const nodeOptions = gcFlag;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const payload = alertPayload();
  const temp = await createTempPostgresDatabase();
  const db = createPostgresDatabase({ url: temp.url });
  const children: NodeProcess[] = [];
  try {
    await migrate(db);
    await createTestDeviceTable(db);
    const credentials = (await addTestDevices(db, n, '131016')).map(({ deviceId, secret }) => ({
      deviceId,
      secret,
    }));
    const env = {
      DATABASE_URL: temp.url,
      PUSH_CATCH_UP_MS: '600000',
      // The boxes connect as fast as they can; the admission limit (a guard for mass reconnects) is not measured here.
      PUSH_HANDSHAKES_PER_SECOND: '1000000',
      ...(chunkSize ? { PUSH_CHUNK_SIZE: String(chunkSize) } : {}),
      ...(servers === 2
        ? { REDIS_URL: 'redis://127.0.0.1:6379', PUSH_REDIS_PREFIX: `myna-bench-${randomUUID()}` }
        : {}),
    };
    const nodes = await Promise.all(
      Array.from({ length: servers }, () => startNodeProcess(env, { nodeOptions })),
    );
    children.push(...nodes);
    const boxes = await startBenchBoxes(options.boxProcesses ?? 2);
    children.push(...boxes.children);

    // socket.io
    const idle = await probeAll(nodes);
    const ramp = await boxes.connect(
      boxKind,
      nodes.map((s) => s.url),
      credentials,
    );
    const loaded = await probeAll(nodes);
    const perNode = (await Promise.all(nodes.map((s) => s.call<PushStats>('stats')))).map((s) => s.connected);
    const kbPerBox = average(
      nodes.map(
        (_, i) => ((loaded[i] as Probe).rss - (idle[i] as Probe).rss) / 1024 / (perNode[i] as number),
      ),
    );
    const rounds = [];
    let share = await cpuShare(nodes, boxes);
    for (let trial = 0; trial <= trials; trial++) {
      await sleep(1000);
      // The warm-up is not counted, in the host's load either.
      if (trial === 1) share = await cpuShare(nodes, boxes);
      const statsBefore = await Promise.all(nodes.map((s) => s.call<PushStats>('stats')));
      const ackedBefore = statsBefore.map((s) => s.acked);
      // Starts each node's longest-block figure afresh (its forced GCs come before the CPU sampling starts).
      await probeAll(nodes);
      const boxesBeforeMs = await boxes.cpuMs();
      await boxes.reset();
      const profiling = profileDir !== undefined && trial > 0;
      if (profiling) await Promise.all(nodes.map((s) => s.call('profile-start')));
      await Promise.all(nodes.map((s) => s.call('sample-start')));
      const published = await (nodes[0] as NodeProcess).call<{ startedAt: string }>('publish-timed', {
        target: { kind: 'all' },
        payload,
        ttlMs: 600_000,
      });
      const arrivals = await boxes.expectAll();
      const persisted = await Promise.all(
        nodes.map((s, i) =>
          s.call<{ at: string }>('wait-acked', (ackedBefore[i] as number) + (perNode[i] as number)),
        ),
      );
      // Each node's fan-out: from just before its first write to its last box written.
      const sends = await Promise.all(
        nodes.map((s, i) => {
          const from = (statsBefore[i] as PushStats).sent;
          return s.call<SendPhase>('sample-stop', { from, to: from + (perNode[i] as number) });
        }),
      );
      if (profiling) {
        await Promise.all(
          nodes.map((s, i) => s.call('profile-stop', `${profileDir}/push-node${i}-trial${trial}.cpuprofile`)),
        );
      }
      const boxesAfterMs = await boxes.cpuMs();
      const after = await probeAll(nodes);
      const start = BigInt(published.startedAt);
      rounds.push({
        lastBoxMs: msBetween(start, BigInt(arrivals.last)),
        acksPersistedMs: Math.max(...persisted.map((p) => msBetween(start, BigInt(p.at)))),
        loopBlockMs: Math.max(...after.map((p) => p.loopMaxMs)),
        cpuUsPerBox: ((sum(after.map((p) => p.cpuMs)) - sum(sends.map((s) => s.startCpuMs))) * 1000) / n,
        writeCpuUsPerBox: (sum(sends.map((send) => fanOutOf(send).cpuMs)) * 1000) / n,
        boxesCpuUsPerBox: ((boxesAfterMs - boxesBeforeMs) * 1000) / n,
      });
    }
    const load = await share.end();
    await boxes.close();
    await Promise.all(nodes.map((s) => s.stop()));
    const measured = rounds.slice(1);

    // plain ws floor
    const ws = await startNodeProcess({}, { entry: support('bench-ws-server-main.ts'), nodeOptions: gcFlag });
    children.push(ws);
    const wsIdle = await ws.call<Probe>('probe');
    await boxes.connectWs(ws.url.replace('http', 'ws'), n);
    const wsLoaded = await ws.call<Probe>('probe');
    const wsRounds: number[] = [];
    for (let trial = 0; trial <= trials; trial++) {
      await sleep(500);
      await boxes.reset();
      const sent = await ws.call<{ startedAt: string }>('broadcast', JSON.stringify(payload));
      const arrivals = await boxes.expectAll();
      wsRounds.push(msBetween(BigInt(sent.startedAt), BigInt(arrivals.last)));
    }
    await boxes.close();
    const wsLastMs = median(wsRounds.slice(1));

    const lastBoxMs = median(measured.map((r) => r.lastBoxMs));
    const acksPersistedMs = median(measured.map((r) => r.acksPersistedMs));
    const loopBlockMs = Math.max(...measured.map((r) => r.loopBlockMs));
    const writeCpu = median(measured.map((r) => r.writeCpuUsPerBox));
    return {
      name: `Push fan-out: 1 KB alert to ${n} ${boxKind === 'raw' ? 'raw-protocol' : 'socket.io-client'} boxes, ${servers === 2 ? '2 nodes + Redis' : '1 node'}${chunkSize ? `, chunks of ${chunkSize}` : ''}`,
      figures: {
        'payload bytes': Buffer.byteLength(JSON.stringify(payload)),
        'host CPU busy during the socket.io trials (% of all cores)': round(load.hostBusy),
        '… of which this benchmark’s node processes (%)': round(load.benchmark),
        'trials (after 1 warm-up)': trials,
        'connect ramp (s)': round(ramp.ms / 1000),
        'last box received, median (ms)': round(lastBoxMs),
        'last box received, best (ms)': round(Math.min(...measured.map((r) => r.lastBoxMs))),
        'last box received, each trial (ms)': measured.map((r) => Math.round(r.lastBoxMs)).join(' '),
        'acks persisted, median (ms)': round(acksPersistedMs),
        'memory per box, RSS after GC (KB)': round(kbPerBox),
        'longest event-loop block (ms)': round(loopBlockMs),
        'server CPU per box, fan-out only: first → last box written (µs)': round(writeCpu),
        'server CPU per box incl. acks (µs)': round(median(measured.map((r) => r.cpuUsPerBox))),
        'boxes’ CPU per message incl. ack (µs)': round(median(measured.map((r) => r.boxesCpuUsPerBox))),
        'load average (1 min) at the end': round(os.loadavg()[0] ?? 0),
        'ws floor: last client received, median (ms)': round(wsLastMs),
        'ws floor: memory per client (KB)': round((wsLoaded.rss - wsIdle.rss) / 1024 / n),
        'socket.io / ws last-box ratio': round(lastBoxMs / wsLastMs),
        'target last box ≤ 400 ms': lastBoxMs <= 400 ? 'met' : 'missed',
        'target acks persisted ≤ 1000 ms': acksPersistedMs <= 1000 ? 'met' : 'missed',
        'target ≤ 15 KB per box': kbPerBox <= 15 ? 'met' : 'missed',
        'target ≤ 25 µs per box (fan-out only)': writeCpu <= 25 ? 'met' : 'missed',
        'target loop block ≤ 200 ms': loopBlockMs <= 200 ? 'met' : 'missed',
      },
    };
  } finally {
    await Promise.all(children.map((child) => child.kill()));
    await db.close();
    await temp.drop();
  }
}

/** The same over two nodes sharing Redis (`npm run bench` runs every `bench*` export). */
export function benchPushFanoutTwoNodes() {
  return benchPushFanout({ servers: 2 });
}

/** ~1 KB of UTF-8 JSON: an evacuation order with three shelters, as the spec's measurements used. */
function alertPayload() {
  const shelter = (name: string, address: string, km: number) => ({
    name,
    address,
    distanceKm: km,
    open: true,
  });
  return {
    kind: 'evacuation',
    level: 4,
    title: '【警戒レベル4】避難指示',
    area: '東京都千代田区',
    text: '大雨により土砂災害の危険性が高まっています。危険な場所から全員避難してください。',
    guidance:
      '避難所へ移動することがかえって危険な場合は、近くの頑丈な建物の上の階や、崖から離れた部屋に移動してください。' +
      '持病のある方、介助が必要な方はご家族や近所の方と一緒に早めに避難してください。',
    issuedAt: '2026-09-01T09:00:00+09:00',
    shelters: [
      shelter('千代田区立麹町小学校', '東京都千代田区麹町2-8', 0.6),
      shelter('千代田区立番町小学校', '東京都千代田区六番町8', 1.1),
      shelter('千代田区役所', '東京都千代田区九段南1-2-1', 1.8),
    ],
    url: 'https://example.jp/alerts/2026-09-01-0900',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      n: { type: 'string' },
      servers: { type: 'string' },
      trials: { type: 'string' },
      chunk: { type: 'string' },
      profile: { type: 'string' },
      'box-processes': { type: 'string' },
      boxes: { type: 'string' },
    },
  });
  const result = await benchPushFanout({
    ...(values.n ? { n: Number(values.n) } : {}),
    ...(values.servers ? { servers: Number(values.servers) === 2 ? 2 : 1 } : {}),
    ...(values.trials ? { trials: Number(values.trials) } : {}),
    ...(values.chunk ? { chunkSize: Number(values.chunk) } : {}),
    ...(values.profile ? { profileDir: values.profile } : {}),
    ...(values['box-processes'] ? { boxProcesses: Number(values['box-processes']) } : {}),
    ...(values.boxes ? { boxes: values.boxes === 'sio' ? 'sio' : 'raw' } : {}),
  });
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
