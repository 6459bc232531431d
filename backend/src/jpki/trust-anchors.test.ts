import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type DevCa } from '../dev-jpki/index.ts';
import { readTrustAnchors } from './trust-anchors.ts';

let dir: string;
let generations: DevCa[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jpki-anchors-'));
  generations = await Promise.all([createCa({ purpose: 'sign' }), createCa({ purpose: 'sign' })]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readTrustAnchors', () => {
  it('reads DER files and PEM files holding several generations', async () => {
    const [first, second] = generations as [DevCa, DevCa];
    await writeFile(join(dir, 'signca01.cer'), first.der);
    await writeFile(join(dir, 'sign-all.pem'), `${first.pem}\n${second.pem}`);
    const anchors = await readTrustAnchors({
      sign: [join(dir, 'signca01.cer'), join(dir, 'sign-all.pem')],
      auth: [],
    });
    expect(anchors.sign).toHaveLength(3);
    expect(anchors.sign[2]?.serialNumber.isEqual(second.certificate.serialNumber)).toBe(true);
    expect(anchors.auth).toEqual([]);
  });

  it('throws on a file that is not a certificate', async () => {
    await writeFile(join(dir, 'junk.pem'), 'hello');
    await expect(readTrustAnchors({ sign: [join(dir, 'junk.pem')], auth: [] })).rejects.toMatchObject({
      code: 'jpki.cert-malformed',
    });
  });
});
