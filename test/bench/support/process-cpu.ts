// CPU time of processes on this machine (Linux /proc), to tell what one request costs the backend and the
// database whatever else shares the cores.
import { readdir, readFile } from 'node:fs/promises';

/** User + system CPU seconds of a process so far (Linux /proc; 0 once it is gone). */
export async function cpuOf(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.replace(/^.*\) /, '').split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** CPU seconds of every PostgreSQL server process on this machine (the database runs here, like the node). */
export async function postgresCpu(): Promise<number> {
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') total += await cpuOf(Number(pid));
  }
  return total;
}
