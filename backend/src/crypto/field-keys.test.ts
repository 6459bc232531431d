import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fieldKeyFile, formatFieldKeys, loadFieldKeys, parseFieldKeys } from './field-keys.ts';

const b64 = (byte: number) => Buffer.alloc(32, byte).toString('base64');

describe('parseFieldKeys', () => {
  it('reads id:base64 entries separated by commas or newlines, first first', () => {
    const keys = parseFieldKeys(`new:${b64(2)},\n old_1:${b64(1)}\n`);
    expect(keys.map((k) => k.id)).toEqual(['new', 'old_1']);
    expect(parseFieldKeys(formatFieldKeys(keys))).toEqual(keys);
  });

  it.each([
    ['no id', b64(1), /expected id:base64/],
    ['bad id', `a.b:${b64(1)}`, /expected id:base64/],
    ['short key', 'k:AAAA', /must be 32 bytes/],
    ['reused id', `k:${b64(1)},k:${b64(2)}`, /used twice/],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseFieldKeys(text)).toThrow(message);
  });
});

describe('loadFieldKeys', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'myna-keys-')), 'data');
  });
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it('uses configured keys as they are', async () => {
    const keys = parseFieldKeys(`k:${b64(1)}`);
    expect(await loadFieldKeys({ fieldKeys: keys, dataDir })).toEqual(keys);
  });

  it('generates one key into the data folder, mode 0600, and keeps it', async () => {
    const [first, second] = await Promise.all([
      loadFieldKeys({ fieldKeys: [], dataDir }),
      loadFieldKeys({ fieldKeys: [], dataDir }),
    ]);
    expect(first).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first?.[0]?.key).toHaveLength(32);
    expect((await stat(fieldKeyFile(dataDir))).mode & 0o777).toBe(0o600);
    expect(await loadFieldKeys({ fieldKeys: [], dataDir })).toEqual(first);
    expect(parseFieldKeys(await readFile(fieldKeyFile(dataDir), 'utf8'))).toEqual(first);
  });

  it('refuses a key file others can read', async () => {
    await loadFieldKeys({ fieldKeys: [], dataDir });
    await chmod(fieldKeyFile(dataDir), 0o644);
    await expect(loadFieldKeys({ fieldKeys: [], dataDir })).rejects.toMatchObject({
      code: 'crypto.key-file',
    });
  });
});
