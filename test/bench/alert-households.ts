// The per-node household index of alert delivery (backend/src/alert-delivery/node-households.ts): how long a
// node takes to read every household from PostgreSQL, unseal its members and care data (two AES-GCM fields
// each), map and index it; then the check made before each alert when nothing changed, and the reload after one
// enrolment. Households are the demo town's (realistic needs, supporters), stored in bulk as the alert-push
// benchmark stores them (support/seed-households.ts).
// Run alone: `npx tsx test/bench/alert-households.ts`.
import { pathToFileURL } from 'node:url';
import {
  createFieldCipher,
  createNodeHouseholds,
  createPostgresDatabase,
  createTempPostgresDatabase,
  demoHouseholds,
  migrate,
} from '@myna-tv/backend';
import type { BenchResult } from './run.ts';
import { seedHouseholds } from './support/seed-households.ts';

const cipher = createFieldCipher([{ id: 'bench', key: new Uint8Array(32).fill(3) }]);

async function measure(count: number): Promise<Record<string, number | string>> {
  const temp = await createTempPostgresDatabase();
  const db = createPostgresDatabase({ url: temp.url });
  try {
    await migrate(db);
    await seedHouseholds(db, cipher, demoHouseholds(count));
    const builds: { households: number; unsealed: number; ms: number }[] = [];
    const households = createNodeHouseholds({ db, cipher, onBuilt: (b) => builds.push(b) });
    // CPU time beside wall time: on a shared, loaded machine the wall time mostly measures the others.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return Math.round((used.user + used.system) / 1000);
    };
    let cpu = process.cpuUsage();
    let started = performance.now();
    const index = await households.current();
    const full = performance.now() - started;
    const fullCpu = cpuMs(cpu);
    started = performance.now();
    await households.current();
    const unchanged = performance.now() - started;
    await seedHouseholds(db, cipher, demoHouseholds(3)); // three more (the holders' homes again, new ids)
    cpu = process.cpuUsage();
    started = performance.now();
    await households.current();
    const incremental = performance.now() - started;
    const incrementalCpu = cpuMs(cpu);
    return {
      [`${count} households: full build (read, unseal, index), ms`]: Math.round(full),
      [`${count} households: full build, CPU ms of this process`]: fullCpu,
      [`${count} households: check before an alert, nothing changed, ms`]: unchanged.toFixed(1),
      [`${count} households: after 3 enrolments (3 unsealed, index rebuilt), ms`]: Math.round(incremental),
      [`${count} households: after 3 enrolments, CPU ms`]: incrementalCpu,
      [`${count} households indexed`]: index.households.length,
      [`${count} households: builds`]: builds.map((b) => `${b.households}/${b.unsealed}`).join(', '),
    };
  } finally {
    await db.close();
    await temp.drop();
  }
}

export async function benchAlertHouseholds(): Promise<BenchResult> {
  return {
    name: 'Alert delivery: household index per node (PostgreSQL, unseal + index)',
    figures: { ...(await measure(19_000)), ...(await measure(100_000)) },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchAlertHouseholds();
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`- ${k}: ${v}`);
}
