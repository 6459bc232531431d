// Alert push (issue 5, Speed): ingest → shown on 19,000 connected boxes, through the real path. The demo town's
// households (19,000, one box each; members, needs and supporters sealed as enrolment seals them) and 美波町's
// shelters are stored in bulk; one whole backend node (`startBackend`, PostgreSQL) runs in a child process; an
// alert-publisher API client sends a CAP 1.2 level-4 alert whose polygon covers every household to
// `POST /api/v1/alerts` (later trials: an Update of the previous one, as a publisher would revise it). Ingest
// parses and stores it, dispatch targets and composes every household's payload, records the recipients and
// publishes one rendered message; the gateway writes one pre-encoded packet per household. The boxes
// (raw-protocol load generator in a second process, as in push-fanout) authenticate with their enrolled
// device credentials and ack on arrival. Timed from the POST to the node's first write (what comes before the
// fan-out), the last box's arrival and every ack recorded in push_delivery. The floor is a plain `ws` server
// encoding and writing the same payloads (the households' rendered alert payloads) to as many plain clients, in
// the same run.
//   npx tsx test/bench/alert-push.ts [--boxes 19000] [--trials 3] [--profile DIR] [--box-processes K]
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createApiClient,
  createFieldCipher,
  createNodeHouseholds,
  createPostgresDatabase,
  createTempPostgresDatabase,
  demoHouseholds,
  migrate,
  type PushMessage,
  type PushStats,
} from '@myna-tv/backend';
import { minamiTownShelters, parseAlert, targetAlert } from '@myna-tv/disaster';
import { loadShelterRegistry } from '../../backend/src/alert-delivery/index.ts';
import { storeShelterRegistry } from '../../backend/src/shelters/index.ts';
import { startBenchBoxes } from '../push/support/bench-boxes.ts';
import { fanOutOf, type SendPhase } from '../push/support/bench-node-ops.ts';
import { type NodeProcess, startNodeProcess } from '../push/support/node-process.ts';
import type { BenchResult } from './run.ts';
import { cpuShare, gcFlag, median, msBetween, type Probe, pushSupport, round } from './support/push-bench.ts';
import { seedHouseholds } from './support/seed-households.ts';

export interface AlertPushOptions {
  /** Boxes, one household each (default 19,000: the open-file limit here is 20,000 per process). */
  boxes?: number;
  /** Measured alerts after one warm-up (default 3). */
  trials?: number;
  /** Write a CPU profile of the node for each measured trial here. */
  profileDir?: string;
  /** Processes the boxes are spread over. One (default): a second process of boxes takes CPU from the node on the two cores (last box 0.63 → 0.75 s). */
  boxProcesses?: number;
}

interface IngestAnswer {
  id: string;
  thread: string;
  outcome: string;
  targeted: number;
  pushSeq: number | null;
}

const sender = 'bousai@town.minami.example.jp';
const system = { id: 'alert-push-bench', role: 'system', requestId: null } as const;

/** CAP dateTime in Japan time, to the second (CAP forbids `Z`). */
function capTime(at: Date): string {
  return `${new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;
}

/** A level-4 evacuation order (避難指示) for the polygon; an Update when it revises `previous`. */
function capAlert(options: { identifier: string; sent: string; polygon: string; previous?: string }): string {
  const { identifier, sent, polygon, previous } = options;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier><sender>${sender}</sender><sent>${sent}</sent>
  <status>Actual</status><msgType>${previous ? 'Update' : 'Alert'}</msgType><scope>Public</scope>
  ${previous ? `<references>${previous}</references>` : ''}
  <info>
    <language>ja-JP</language><category>Met</category><event>避難指示</event>
    <urgency>Immediate</urgency><severity>Severe</severity><certainty>Likely</certainty>
    <expires>${capTime(new Date(Date.now() + 3600_000))}</expires>
    <headline>美波町 避難指示（警戒レベル4）</headline>
    <description>大雨により土砂災害の危険性が高まっています。</description>
    <parameter><valueName>警戒レベル</valueName><value>4</value></parameter>
    <area><areaDesc>美波町全域</areaDesc><polygon>${polygon}</polygon></area>
  </info>
</alert>`;
}

/** A rectangle (CAP `lat,lon` pairs, closed) around every household, 500 m beyond the outermost. */
function polygonAround(points: readonly { latitude: number; longitude: number }[]): string {
  const margin = 0.005;
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  const [s, n] = [Math.min(...lats) - margin, Math.max(...lats) + margin];
  const [w, e] = [Math.min(...lons) - margin, Math.max(...lons) + margin];
  return [
    [s, w],
    [s, e],
    [n, e],
    [n, w],
    [s, w],
  ]
    .map(([lat, lon]) => `${(lat as number).toFixed(6)},${(lon as number).toFixed(6)}`)
    .join(' ');
}

export async function benchAlertPush(options: AlertPushOptions = {}): Promise<BenchResult> {
  const { boxes: n = 19_000, trials = 3, profileDir } = options;
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const temp = await createTempPostgresDatabase();
  const db = createPostgresDatabase({ url: temp.url });
  const dataDir = await mkdtemp(join(os.tmpdir(), 'myna-alert-push-'));
  const children: NodeProcess[] = [];
  try {
    progress(`storing ${n} households with their boxes`);
    await migrate(db);
    const fieldKey = randomBytes(32);
    const cipher = createFieldCipher([{ id: 'bench', key: new Uint8Array(fieldKey) }]);
    const now = new Date();
    await storeShelterRegistry(db, minamiTownShelters(), now);
    const demo = demoHouseholds(n);
    const seeded = await seedHouseholds(db, cipher, demo, now);
    const polygon = polygonAround(demo.map((d) => d.household));
    const publisher = await createApiClient(db, {
      name: 'alert-push bench publisher',
      role: 'alert-publisher',
      alertSenders: [sender],
      actor: system,
      now,
    });
    const authorization = `Basic ${Buffer.from(`${publisher.client.clientId}:${publisher.secret}`).toString('base64')}`;

    progress('starting the backend node');
    const node = await startNodeProcess(
      {
        DATABASE_URL: temp.url,
        FIELD_KEYS: `bench:${fieldKey.toString('base64')}`,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        PUSH_HANDSHAKES_PER_SECOND: '1000000',
      },
      { entry: pushSupport('backend-node-main.ts'), nodeOptions: gcFlag },
    );
    children.push(node);
    const boxes = await startBenchBoxes(options.boxProcesses ?? 1);
    children.push(...boxes.children);
    progress(`connecting ${n} boxes`);
    const credentials = seeded.map(({ deviceId, secret }) => ({ deviceId, secret }));
    const ramp = await boxes.connect('raw', [node.url], credentials);
    const connected = (await node.call<PushStats>('stats')).connected;
    if (connected !== n) throw new Error(`${connected} of ${n} boxes connected`);

    const rounds = [];
    const run = randomUUID().slice(0, 8);
    let share = await cpuShare([node], boxes);
    let previous: string | undefined;
    let last: { xml: string; answer: IngestAnswer } | undefined;
    for (let trial = 0; trial <= trials; trial++) {
      // The node's CPU at rest: engine.io's heartbeat (a ping and its pong per box every 25 s) goes on during
      // a push too, and the ws floor has none.
      const rest = await node.call<{ cpuMs: number }>('cpu');
      const restStart = process.hrtime.bigint();
      await sleep(1000);
      const restCpuPerMs =
        ((await node.call<{ cpuMs: number }>('cpu')).cpuMs - rest.cpuMs) /
        msBetween(restStart, process.hrtime.bigint());
      if (trial === 1) share = await cpuShare([node], boxes);
      progress(`trial ${trial}${trial === 0 ? ' (warm-up)' : ''}`);
      const identifier = `bench-${run}-${trial}`;
      const sent = capTime(new Date());
      const xml = capAlert({ identifier, sent, polygon, ...(previous ? { previous } : {}) });
      const before = await node.call<PushStats>('stats');
      await node.call<Probe>('probe');
      const boxesBeforeMs = await boxes.cpuMs();
      await boxes.reset();
      const profiling = profileDir !== undefined && trial > 0;
      if (profiling) await node.call('profile-start');
      await node.call('sample-start');
      const start = process.hrtime.bigint();
      const response = await fetch(`${node.url}/api/v1/alerts`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/cap+xml' },
        body: xml,
      });
      const answered = process.hrtime.bigint();
      const answer = (await response.json()) as IngestAnswer;
      if (response.status !== 201 || answer.targeted !== n || answer.pushSeq === null) {
        throw new Error(`POST /api/v1/alerts answered ${response.status} ${JSON.stringify(answer)}`);
      }
      const arrivals = await boxes.expectAll();
      const persisted = await node.call<{ at: string }>('wait-acked', before.acked + n);
      const boxesAfterMs = await boxes.cpuMs();
      const send = await node.call<SendPhase>('sample-stop', { from: before.sent, to: before.sent + n });
      const after = await node.call<Probe>('probe');
      if (profiling) await node.call('profile-stop', `${profileDir}/alert-push-trial${trial}.cpuprofile`);
      const fanOut = fanOutOf(send);
      const [rows] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM push_delivery WHERE seq = $1',
        [answer.pushSeq],
      );
      if (rows?.n !== n) throw new Error(`${rows?.n} of ${n} acks in push_delivery`);
      rounds.push({
        answerMs: msBetween(start, answered),
        lastBoxMs: msBetween(start, BigInt(arrivals.last)),
        // Before it: ingest, targeting, composing, recording and encoding; the fan-out after it.
        firstWriteMs: msBetween(start, fanOut.startAt),
        lastWriteMs: msBetween(start, fanOut.startAt) + fanOut.ms,
        acksPersistedMs: msBetween(start, BigInt(persisted.at)),
        loopBlockMs: after.loopMaxMs,
        restCpuPercent: restCpuPerMs * 100,
        sendCpuUsPerBox: ((fanOut.sentCpuMs - send.startCpuMs) * 1000) / n,
        writeCpuUsPerBox: (fanOut.cpuMs * 1000) / n,
        writeNetCpuUsPerBox: ((fanOut.cpuMs - restCpuPerMs * fanOut.ms) * 1000) / n,
        totalCpuUsPerBox: ((after.cpuMs - send.startCpuMs) * 1000) / n,
        boxesCpuUsPerBox: ((boxesAfterMs - boxesBeforeMs) * 1000) / n,
      });
      previous = `${sender},${identifier},${sent}`;
      last = { xml, answer };
    }
    const load = await share.end();
    const sizes = await boxes.sizes();
    await boxes.close();
    await node.stop();
    const measured = rounds.slice(1);
    if (last === undefined) throw new Error('no trial ran');

    progress('ws floor');
    // The same payloads as the last alert's: targeted again from the stored households and shelters.
    const index = await createNodeHouseholds({ db, cipher }).current();
    const shelters = await loadShelterRegistry(db);
    const target = targetAlert(parseAlert(last.xml), { households: index, shelters });
    const payloads = target.deliveries.map((d) => ({ ...d.payload, thread: last.answer.thread }));
    if (payloads.length !== n) throw new Error(`the floor has ${payloads.length} payloads for ${n} boxes`);
    const ws = await startNodeProcess(
      {},
      { entry: pushSupport('bench-ws-server-main.ts'), nodeOptions: gcFlag },
    );
    children.push(ws);
    await ws.call('prepare-payloads', payloads);
    await boxes.connectWs(ws.url.replace('http', 'ws'), n);
    const envelope: Omit<PushMessage, 'payload'> = {
      seq: last.answer.pushSeq as number,
      target: { kind: 'rendered', topic: 'alert', key: last.answer.id },
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    };
    const wsRounds: { lastMs: number; cpuUsPerBox: number }[] = [];
    for (let trial = 0; trial <= trials; trial++) {
      await sleep(500);
      await boxes.reset();
      const sentWs = await ws.call<{ startedAt: string; cpuMs: number }>('send-each', envelope);
      const arrivals = await boxes.expectAll();
      wsRounds.push({
        lastMs: msBetween(BigInt(sentWs.startedAt), BigInt(arrivals.last)),
        cpuUsPerBox: (sentWs.cpuMs * 1000) / n,
      });
    }
    await boxes.close();
    const wsMeasured = wsRounds.slice(1);
    const wsLastMs = median(wsMeasured.map((r) => r.lastMs));
    const wsCpu = median(wsMeasured.map((r) => r.cpuUsPerBox));

    const lastBoxMs = median(measured.map((r) => r.lastBoxMs));
    const acksPersistedMs = median(measured.map((r) => r.acksPersistedMs));
    const loopBlockMs = Math.max(...measured.map((r) => r.loopBlockMs));
    const sendCpu = median(measured.map((r) => r.sendCpuUsPerBox));
    const writeCpu = median(measured.map((r) => r.writeCpuUsPerBox));
    const writeNetCpu = median(measured.map((r) => r.writeNetCpuUsPerBox));
    const totalCpu = median(measured.map((r) => r.totalCpuUsPerBox));
    return {
      name: `Alert push: POST /api/v1/alerts (CAP 1.2, level 4, polygon) → shown on ${n} raw-protocol boxes, one household each, 1 backend node (PostgreSQL)`,
      figures: {
        'households targeted per alert': last.answer.targeted,
        'message bytes per box on the wire, mean (min–max)': `${round(sizes.mean)} (${sizes.min}–${sizes.max})`,
        'host CPU busy during the trials (% of all cores)': round(load.hostBusy),
        '… of which this benchmark’s node and boxes (%)': round(load.benchmark),
        'trials (after 1 warm-up; the first an Alert, then Updates)': trials,
        'connect ramp (s)': round(ramp.ms / 1000),
        'POST answered (ingest + target + record + publish), median (ms)': round(
          median(measured.map((r) => r.answerMs)),
        ),
        'first box being written (POST → its write), median (ms)': round(
          median(measured.map((r) => r.firstWriteMs)),
        ),
        // Against the last box received: how far the boxes (the load generator) lag behind the node's writes.
        'last box being written (POST → its write), median (ms)': round(
          median(measured.map((r) => r.lastWriteMs)),
        ),
        'last box received, median (ms)': round(lastBoxMs),
        'last box received, best (ms)': round(Math.min(...measured.map((r) => r.lastBoxMs))),
        'acks persisted, median (ms)': round(acksPersistedMs),
        'longest event-loop block (ms)': round(loopBlockMs),
        'server CPU per box, POST → last box written (µs)': round(sendCpu),
        'server CPU per box, fan-out only: first → last box written (µs)': round(writeCpu),
        'server CPU per box, fan-out net of the at-rest rate (µs)': round(writeNetCpu),
        'server CPU per box, total incl. acks (µs)': round(totalCpu),
        // The load generator shares the two cores: what receiving and acking one message costs it.
        'boxes’ CPU per message incl. ack (µs)': round(median(measured.map((r) => r.boxesCpuUsPerBox))),
        'server CPU at rest, the boxes connected (% of a core), median': round(
          median(measured.map((r) => r.restCpuPercent)),
        ),
        'load average (1 min) at the end': round(os.loadavg()[0] ?? 0),
        'ws floor: last client received, median (ms)': round(wsLastMs),
        'ws floor: server CPU per client, encode + send (µs)': round(wsCpu),
        'backend / ws last-box ratio': round(lastBoxMs / wsLastMs),
        'backend / ws CPU ratio (POST → last box written)': round(sendCpu / wsCpu),
        'backend / ws CPU ratio (fan-out only)': round(writeCpu / wsCpu),
        'backend / ws CPU ratio (fan-out net of the at-rest rate)': round(writeNetCpu / wsCpu),
        'target last box ≤ 1000 ms': lastBoxMs <= 1000 ? 'met' : 'missed',
        'target acks persisted ≤ 2000 ms': acksPersistedMs <= 2000 ? 'met' : 'missed',
        'target loop block ≤ 200 ms': loopBlockMs <= 200 ? 'met' : 'missed',
        'target ≤ 25 µs per box (POST → last box written)': sendCpu <= 25 ? 'met' : 'missed',
        'target ≤ 25 µs per box (fan-out only)': writeCpu <= 25 ? 'met' : 'missed',
        'target ≤ 25 µs per box (fan-out net of the at-rest rate)': writeNetCpu <= 25 ? 'met' : 'missed',
      },
    };
  } finally {
    await Promise.all(children.map((child) => child.kill()));
    await db.close();
    await temp.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Where a long run is (seeding and the connect ramp take minutes on a busy host), on stderr. */
function progress(step: string): void {
  console.error(`alert-push: ${step} (${new Date().toISOString().slice(11, 19)})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      boxes: { type: 'string' },
      trials: { type: 'string' },
      profile: { type: 'string' },
      'box-processes': { type: 'string' },
    },
  });
  const result = await benchAlertPush({
    ...(values.boxes ? { boxes: Number(values.boxes) } : {}),
    ...(values.trials ? { trials: Number(values.trials) } : {}),
    ...(values.profile ? { profileDir: values.profile } : {}),
    ...(values['box-processes'] ? { boxProcesses: Number(values['box-processes']) } : {}),
  });
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
