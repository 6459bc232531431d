import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised, empty PGlite cluster as a tarball, made once per PGlite build and machine and kept
 * in the temp folder. initdb is most of PGlite's start-up (seconds); loading this image skips it, which makes
 * one in-memory database per test file affordable.
 */
export async function emptyClusterImage(): Promise<Blob> {
  const file = await imageFile();
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Blob([cached]);
  const pglite = await PGlite.create();
  try {
    const image = await pglite.dumpDataDir('gzip');
    // Written whole, then renamed: processes racing here each leave a complete file.
    const partial = `${file}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await image.arrayBuffer()));
    await rename(partial, file);
    return image;
  } finally {
    await pglite.close();
  }
}

/** Drops a cached image that failed to load, so the next call makes a new one. */
export async function forgetClusterImage(): Promise<void> {
  await rm(await imageFile(), { force: true });
}

/** Named after the PGlite build, so an upgrade never loads an old image. */
async function imageFile(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { size, mtimeMs } = await stat(entry);
  const build = createHash('sha256').update(`${entry}:${size}:${mtimeMs}`).digest('hex').slice(0, 16);
  return join(tmpdir(), `myna-pglite-image-${build}.tgz`);
}
