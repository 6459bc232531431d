// What the push benchmarks (push-fanout, alert-push) share: the node and box processes' probes, the host's
// load during a run, and small statistics.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchBoxes } from '../../push/support/bench-boxes.ts';
import type { NodeProcess } from '../../push/support/node-process.ts';

/** A child entry under test/push/support. */
export const pushSupport = (file: string) =>
  fileURLToPath(new URL(`../../push/support/${file}`, import.meta.url));
/** Node processes are probed for memory after a forced GC. */
export const gcFlag = ['--expose-gc'];

export interface Probe {
  rss: number;
  heapUsed: number;
  cpuMs: number;
  loopMaxMs: number;
}

/**
 * How busy the host was between this call and `end()`, and how much of it were the benchmark's node processes;
 * the rest is PostgreSQL, Redis and whatever else shares the machine.
 */
export async function cpuShare(nodes: NodeProcess[], boxes: BenchBoxes) {
  const ours = async () =>
    sum(
      await Promise.all([
        ...nodes.map(async (child) => (await child.call<{ cpuMs: number }>('cpu')).cpuMs),
        boxes.cpuMs(),
      ]),
    );
  const hostStart = await hostJiffies();
  const oursStart = await ours();
  const wallStart = performance.now();
  return {
    async end() {
      const host = await hostJiffies();
      const oursMs = (await ours()) - oursStart;
      const wallMs = performance.now() - wallStart;
      return {
        hostBusy: ((host.busy - hostStart.busy) / (host.total - hostStart.total)) * 100,
        benchmark: (oursMs / (wallMs * os.cpus().length)) * 100,
      };
    },
  };
}

async function hostJiffies(): Promise<{ busy: number; total: number }> {
  const fields = ((await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = sum(fields);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

export async function probeAll(nodes: NodeProcess[]): Promise<Probe[]> {
  return Promise.all(nodes.map((s) => s.call<Probe>('probe')));
}

export const msBetween = (from: bigint, to: bigint) => Number(to - from) / 1e6;
export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
export const average = (values: number[]) => sum(values) / values.length;
export const round = (value: number) => Math.round(value * 10) / 10;
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
