// The growth chart screen of 母子健康情報: time from pressing OK on a child in the list to the chart fully drawn
// (the record read through the bridge from the backend, the curves, the chart image on the stage and one frame
// drawn with it: the screen announces itself then), in headless Chromium on this machine, the median of several
// openings with the WebGL renderer (the boxes' path; software WebGL here) and with Canvas 2D. The first opening
// also fetches the static curves (kept afterwards by bridge and TV app). Target: under 500 ms. The browser rig
// waits with vitest, so the measurement (growth-chart-measure.test.ts) runs under vitest.
// Run alone: `npx tsx test/bench/growth-chart.ts`.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './run.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function benchGrowthChart(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'myna-growth-chart-bench-'));
  const out = join(dir, 'figures.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('npx', ['vitest', 'run', 'test/bench/growth-chart-measure.test.ts'], {
        cwd: root,
        env: { ...process.env, GROWTH_CHART_BENCH_OUT: out },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`the growth chart measurement failed (exit ${code})`);
    const figures = JSON.parse(await readFile(out, 'utf8')) as BenchResult['figures'];
    return { name: '母子健康情報: growth chart screen opening in headless Chromium', figures };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchGrowthChart();
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`- ${k}: ${v}`);
}
