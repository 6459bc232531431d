// Whole-file replacement that a power cut cannot leave half written: the box's power is pulled at will.
// Write to a temporary file beside the target, flush it, rename it over the target, flush the folder.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

const tempPathOf = (path: string) => `${path}.${randomBytes(6).toString('hex')}.tmp`;

/** `text` may be bytes too (a CRL): written as they are. */
export async function writeFileAtomic(
  path: string,
  text: string | Uint8Array,
  options: { mode: number },
): Promise<void> {
  const temp = tempPathOf(path);
  const file = await open(temp, 'wx', options.mode);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  // The rename is only durable once the folder's entry is on disk.
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The same, synchronously: for state that must be on disk before the caller answers (a PIN try counter). */
export function writeFileAtomicSync(path: string, text: string, options: { mode: number }): void {
  const temp = tempPathOf(path);
  const fd = openSync(temp, 'wx', options.mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
