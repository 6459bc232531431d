// The disk side of a durable outbox: one folder, one `<key>.json` file per item, each written whole
// (writeFileAtomic) before it is first sent. Opening reads every item back; a write cut short (`.tmp`) is
// removed, and a file that does not read back as a whole item of its own name is set aside as `.corrupt`,
// never sent. An item leaves only once its removal is on disk.
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutboxFolderFormat<Item> {
  /** The item a file holds, or undefined when the text is not a whole item. */
  parse: (text: string) => Item | undefined;
  /** The key its file is named after. */
  keyOf: (item: Item) => string | number;
}

/**
 * Opens (and creates) the folder, reading its items in file-name order. `setAside` names the files that were not
 * whole items: renamed to `<name>.corrupt` for the operator.
 */
export async function openOutboxFolder<Item>(
  dir: string,
  format: OutboxFolderFormat<Item>,
): Promise<{ items: Item[]; setAside: string[] }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const items: Item[] = [];
  const setAside: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    // A write cut short before its rename: the item it held was never acknowledged as stored.
    if (name.endsWith('.tmp')) await rm(path, { force: true });
    if (!name.endsWith('.json')) continue;
    const item = format.parse(await readFile(path, 'utf8'));
    if (item !== undefined && `${format.keyOf(item)}.json` === name) {
      items.push(item);
    } else {
      await rename(path, `${path}.corrupt`);
      setAside.push(name);
    }
  }
  return { items, setAside };
}

/** Deletes an item's file; a removal is durable only once the folder's entry is on disk. */
export async function removeOutboxFile(dir: string, key: string | number): Promise<void> {
  await rm(join(dir, `${key}.json`), { force: true });
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
