// `npm run bench`: runs every benchmark module in this folder (each exports one `bench*` function) one after
// another, so they do not compete for the two cores, and prints their figures with the machine they ran on.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .sort();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `# Benchmarks — ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
for (const file of files) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  const mod: Record<string, unknown> = await import(pathToFileURL(`${here}${file}`).href);
  for (const [key, fn] of Object.entries(mod)) {
    if (!key.startsWith('bench') || typeof fn !== 'function') continue;
    const result = (await fn()) as BenchResult;
    console.log(`\n## ${result.name}`);
    for (const [k, v] of Object.entries(result.figures)) console.log(`- ${k}: ${v}`);
  }
}
