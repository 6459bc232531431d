import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutboxFolder, removeOutboxFile } from './outbox-folder.ts';

let dir: string;
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'myna-outbox-folder-')), 'outbox');
});
afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }));

const format = {
  parse(text: string) {
    try {
      const item = JSON.parse(text) as { id?: unknown };
      return typeof item.id === 'string' ? { id: item.id } : undefined;
    } catch {
      return undefined;
    }
  },
  keyOf: (item: { id: string }) => item.id,
};

describe('outbox folder', () => {
  it('creates the folder, reads whole items in name order, removes cut writes, sets aside the rest', async () => {
    expect(await openOutboxFolder(dir, format)).toEqual({ items: [], setAside: [] });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'b.json'), '{"id":"b"}');
    await writeFile(join(dir, 'a.json'), '{"id":"a"}');
    await writeFile(join(dir, 'c.json'), '{"id":"c"');
    await writeFile(join(dir, 'd.json'), '{"id":"x"}');
    await writeFile(join(dir, 'e.json.1234.tmp'), '{"id":"e"}');
    const opened = await openOutboxFolder(dir, format);
    expect(opened).toEqual({ items: [{ id: 'a' }, { id: 'b' }], setAside: ['c.json', 'd.json'] });
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json', 'c.json.corrupt', 'd.json.corrupt']);
  });

  it('removes an item file, and a missing one without complaint', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '7.json'), '{}');
    await removeOutboxFile(dir, 7);
    await removeOutboxFile(dir, 7);
    expect(await readdir(dir)).toEqual([]);
  });
});
