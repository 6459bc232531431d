// Card logins per second through a whole backend: main.ts in its own process on a real PostgreSQL (a temp
// database), N set-top boxes enrolled and N residents registered over HTTP, then sustained logins over HTTP
// from this process with bounded concurrency (keep-alive connections). A login is a challenge (POST
// /login/challenge) and a proof (POST /login) signed with the holder's real RSA key. The card signs on the
// box, not on the backend, so the challenges are fetched (timed on their own) and signed before the login
// clock starts; the login phase is then what one node sustains. Goal: ≥ 1,000 logins/s, p99 < 50 ms.
// Load-independent figures beside the rates: CPU per login of the backend, of PostgreSQL (only the
// connections to the bench database: other jobs may share the server) and of this client, and the database
// round trips per login, counted inside the backend process (support/db-round-trips.ts). `--servers 2` runs two
// backend processes on the same database with Redis (as production runs N nodes), the client alternating
// between them; the backend's CPU figure is then their sum.
//   npx tsx test/bench/login-throughput.ts [--residents 100] [--logins 10000] [--concurrency 16] [--servers 1|2]
//     [--profile DIR]
import { randomUUID, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPostgresDatabase, createTempPostgresDatabase } from '@myna-tv/backend';
import { adminHeaders, type Box, enrolBox, register } from '../server/support/backend-api.ts';
import { type BackendProcess, startBackendProcess } from '../server/support/backend-process.ts';
import type { ResidentCard } from '../server/support/resident-card.ts';
import { issueCards } from './support/benchmark-cards.ts';
import { countDbRoundTrips, roundTripsOf } from './support/db-round-trips.ts';
import { HttpClient } from './support/http-load.ts';
import { cpuOf, cpuSince, postgresCpu } from './support/process-cpu.ts';

export interface LoginThroughputOptions {
  residents?: number;
  logins?: number;
  concurrency?: number;
  /** Backend processes (2: with Redis on 127.0.0.1:6379). */
  servers?: 1 | 2;
  /** Write a CPU profile of the backend process into this folder (`--cpu-prof`). */
  profileDir?: string;
}

export async function benchLoginThroughput(
  options: LoginThroughputOptions = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { residents = 100, logins = 10_000, concurrency = 16, servers = 1, profileDir } = options;
  const temp = await createTempPostgresDatabase();
  const database = new URL(temp.url).pathname.slice(1);
  const dataDir = await mkdtemp(join(os.tmpdir(), 'bench-login-throughput-'));
  const db = createPostgresDatabase({ url: temp.url });
  const backends: BackendProcess[] = [];
  try {
    const cards = await issueCards(join(dataDir, 'dev-pki'), residents);
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: temp.url,
      FIELD_KEYS: `k1:${Buffer.alloc(32, 9).toString('base64')}`,
      LOGIN_CHALLENGE_TTL_SECONDS: '3600',
      ...(servers === 2
        ? { REDIS_URL: 'redis://127.0.0.1:6379', PUSH_REDIS_PREFIX: `myna-bench-${randomUUID()}` }
        : {}),
    };
    const nodeOptions = [
      ...countDbRoundTrips(),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ];
    // One after the other: both would apply the migrations (safe, but slower to start).
    for (let n = 0; n < servers; n++) backends.push(await startBackendProcess(env, { nodeOptions }));
    const url = (backends[0] as BackendProcess).url;
    const admin = await adminHeaders(url, db);
    const people: { box: Box; card: ResidentCard }[] = [];
    for (const card of cards) {
      const box = await enrolBox(url, admin);
      const registered = await register(url, box, card);
      if (registered.status !== 201) throw new Error(`registration: ${JSON.stringify(registered.json)}`);
      people.push({ box, card });
    }
    // Request i goes to backend i mod servers (a challenge and its login may meet different nodes).
    const clients = backends.map((backend) => new HttpClient(backend.url, concurrency));
    const client = {
      run: (clients[0] as HttpClient).run.bind(clients[0]),
      post: (i: number, ...rest: Parameters<HttpClient['post']>) =>
        (clients[i % clients.length] as HttpClient).post(...rest),
    };
    const person = (i: number) => people[i % people.length] as (typeof people)[number];
    // Warm-up: one login per resident fills the chain-verdict and revocation caches, as a running node has them.
    await client.run(people.length, async (i) => {
      const { box, card } = person(i);
      const { challenge } = await client.post(i, '/api/v1/login/challenge', box.headers, undefined, 200);
      await client.post(i + 1, '/api/v1/login', box.headers, proofOf(card, challenge), 200);
    });

    const challenges = new Array<string>(logins);
    const trips = async () => sum(await Promise.all(backends.map(roundTripsOf)));
    const backendCpu = async () => sum(await Promise.all(backends.map((b) => cpuOf(b.child.pid))));
    const tripsBeforeChallenges = await trips();
    const issued = await client.run(logins, async (i) => {
      challenges[i] = (
        await client.post(i, '/api/v1/login/challenge', person(i).box.headers, undefined, 200)
      ).challenge;
    });
    const challengeTrips = (await trips()) - tripsBeforeChallenges;
    const proofs = challenges.map((challenge, i) => proofOf(person(i).card, challenge));
    const before = {
      trips: await trips(),
      load: os.loadavg()[0] ?? 0,
      backend: await backendCpu(),
      db: await postgresCpu(database),
      client: process.cpuUsage(),
    };
    const loggedIn = await client.run(logins, async (i) => {
      await client.post(i, '/api/v1/login', person(i).box.headers, proofs[i], 200);
    });
    const backendMs = ((await backendCpu()) - before.backend) * 1000;
    const dbMs = cpuSince(before.db, await postgresCpu(database)) * 1000;
    const clientCpu = process.cpuUsage(before.client);
    const clientMs = (clientCpu.user + clientCpu.system) / 1000;
    const loginTrips = (await trips()) - before.trips;
    const load = `${round(before.load)} at start, ${round(os.loadavg()[0] ?? 0)} at end (1 min)`;
    for (const c of clients) c.close();
    return {
      name: `Card login over HTTP: ${servers === 2 ? 'two backend processes + Redis' : 'one backend process'} on PostgreSQL, ${residents} residents, concurrency ${concurrency}`,
      figures: {
        logins,
        'logins/second': Math.round(logins / loggedIn.seconds),
        'login p50 ms': round(loggedIn.percentile(50)),
        'login p99 ms': round(loggedIn.percentile(99)),
        'CPU ms per login: backend': round(backendMs / logins, 100),
        'CPU ms per login: PostgreSQL (connections to the bench database)': round(dbMs / logins, 100),
        'CPU ms per login: client': round(clientMs / logins, 100),
        'database round trips per login': round(loginTrips / logins, 100),
        'load average during logins': load,
        'challenges/second': Math.round(logins / issued.seconds),
        'challenge p50 ms': round(issued.percentile(50)),
        'challenge p99 ms': round(issued.percentile(99)),
        'database round trips per challenge': round(challengeTrips / logins, 100),
        'challenge + login per second (cards signing elsewhere)': Math.round(
          logins / (issued.seconds + loggedIn.seconds),
        ),
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        node: process.version,
      },
    };
  } finally {
    for (const backend of backends) await backend.stop();
    await db.close();
    await temp.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const proofOf = (card: ResidentCard, challenge: string) => ({
  challenge,
  certificate: card.authCertificate,
  signature: sign('sha256', Buffer.from(challenge, 'base64url'), card.authKey).toString('base64'),
});

const round = (value: number, per = 10) => Math.round(value * per) / per;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      residents: { type: 'string' },
      logins: { type: 'string' },
      concurrency: { type: 'string' },
      servers: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const result = await benchLoginThroughput({
    ...(values.residents ? { residents: Number(values.residents) } : {}),
    ...(values.logins ? { logins: Number(values.logins) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values.servers ? { servers: Number(values.servers) === 2 ? 2 : 1 } : {}),
    ...(values.profile ? { profileDir: values.profile } : {}),
  });
  console.log(`## ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`- ${key}: ${value}`);
}
