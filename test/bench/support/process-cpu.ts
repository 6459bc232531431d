// CPU time of processes on this machine (Linux /proc), to tell what one request costs the backend and the
// database whatever else shares the cores.
import { readdir, readFile } from 'node:fs/promises';

/** User + system CPU seconds of a process so far (Linux /proc; 0 once it is gone). */
export async function cpuOf(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.replace(/^.*\) /, '').split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/**
 * CPU seconds so far of the PostgreSQL server processes on this machine, by pid: with `database`, only the
 * connections to that database (its statements' work), as other jobs may use the same server meanwhile;
 * the shared background processes (WAL writer, checkpointer) are then left out.
 */
export async function postgresCpu(database?: string): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== 'postgres') continue;
    if (database !== undefined) {
      const title = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!title.split(/[\s\0]+/).includes(database)) continue;
    }
    cpu.set(Number(pid), await cpuOf(Number(pid)));
  }
  return cpu;
}

/** CPU seconds the processes used between two `postgresCpu` readings (a process new since `before` counts
 * from zero). */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}
