// Makes a file or folder once per machine even when several processes ask for it at once (parallel test files,
// npm start): the first takes a lock, makes it beside the target and renames it into place; the others wait for
// the target to appear. A lock older than `staleLockMs` is left over from a killed process and is taken over.
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const staleLockMs = 5 * 60_000;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Ensures `target` exists, made by `make(partial)` then renamed from `partial` if no one made it before. */
export async function makeOnce(target: string, make: (partial: string) => Promise<void>): Promise<void> {
  const lock = `${target}.lock`;
  for (;;) {
    if (await exists(target)) return;
    const owned = await open(lock, 'wx').catch(() => undefined);
    if (owned) {
      try {
        // The previous owner may have finished between the check above and taking the lock.
        if (await exists(target)) return;
        const partial = `${target}.${process.pid}.tmp`;
        await rm(partial, { recursive: true, force: true });
        await make(partial);
        await rename(partial, target);
        return;
      } finally {
        await owned.close();
        await rm(lock, { force: true });
      }
    }
    const age = await stat(lock).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > staleLockMs) await rm(lock, { force: true });
    else await sleep(250);
  }
}
