// The virtual card built from real dev-PKI holder profiles: what it serves is exactly the profile's
// certificates, its keys sign what those certificates verify, and PIN counters persist per holder.
import { createHash, generateKeyPairSync, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevPki, initDevPki } from '@myna-tv/backend';
import {
  contentsOfProfile,
  listHolderIds,
  loadVirtualCard,
  VirtualCardError,
  type VirtualJpkiCard,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let pki: DevPki;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'myna-card-profile-'));
  pki = await initDevPki({ dir: join(dir, 'pki') });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
function send(card: VirtualJpkiCard, apdu: string) {
  const r = card.transmit(hex(apdu));
  return {
    data: Buffer.from(r.subarray(0, -2)),
    sw: Buffer.from(r.subarray(-2)).toString('hex').toUpperCase(),
  };
}
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');
const verifyApdu = (p2: string, secret: string) =>
  `002000${p2}${secret.length.toString(16).padStart(2, '0')}${ascii(secret)}`;
const load = (holderId: string, stateDir = join(dir, 'cards')) =>
  loadVirtualCard({ pkiDir: join(dir, 'pki'), holderId, stateDir });

describe('virtual card from a dev-PKI holder profile', () => {
  it('lists the holders of the PKI', async () => {
    expect(await listHolderIds(join(dir, 'pki'))).toEqual(pki.holders.map((h) => h.id).sort());
  });

  it("serves the holder's four certificates as DER", async () => {
    for (const holder of pki.holders) {
      const card = await load(holder.id, join(dir, 'fresh'));
      send(card, '00A4040C0AD392F000260100000001');
      const read = (sfi: number) => send(card, `00B0${(0x80 | sfi).toString(16)}00000000`).data;
      expect(read(0x0a).equals(new X509Certificate(holder.authCertPem).raw)).toBe(true);
      expect(read(0x0b).equals(new X509Certificate(holder.authCaPem).raw)).toBe(true);
      expect(read(0x02).equals(new X509Certificate(holder.signCaPem).raw)).toBe(true);
      expect(send(card, verifyApdu('9B', holder.password)).sw).toBe('9000');
      expect(read(0x01).equals(new X509Certificate(holder.signCertPem).raw)).toBe(true);
    }
  });

  it("signs with keys matching the holder's certificates", async () => {
    const holder = pki.holders[0] as DevPki['holders'][number];
    const card = await load(holder.id, join(dir, 'fresh'));
    const message = Buffer.from('現況届');
    const digestInfo = `3031300d060960864801650304020105000420${createHash('sha256').update(message).digest('hex')}`;
    send(card, '00A4040C0AD392F000260100000001');
    send(card, verifyApdu('98', holder.pin));
    send(card, verifyApdu('9B', holder.password));
    for (const [p2, certPem] of [
      ['97', holder.authCertPem],
      ['9A', holder.signCertPem],
    ] as const) {
      const r = send(card, `802A00${p2}33${digestInfo}00`);
      expect(r.sw).toBe('9000');
      expect(verify('sha256', message, new X509Certificate(certPem).publicKey, r.data)).toBe(true);
    }
  });

  it('persists counters per holder in the state dir', async () => {
    const [first, second] = pki.holders as [DevPki['holders'][number], DevPki['holders'][number]];
    const card = await load(first.id);
    send(card, '00A4040C0AD392F000260100000001');
    expect(send(card, verifyApdu('9B', 'WRONG9')).sw).toBe('63C4');
    expect((await load(first.id)).triesLeft()).toEqual({ auth: 3, sign: 4 });
    expect((await load(second.id)).triesLeft()).toEqual({ auth: 3, sign: 5 });
  });

  it('refuses unknown holders and unusable profiles', async () => {
    await expect(load('nobody')).rejects.toMatchObject({ code: 'virtual-card.holder-not-found' });
    await expect(load('../pki')).rejects.toBeInstanceOf(VirtualCardError);
    const holder = pki.holders[0] as DevPki['holders'][number];
    const weakKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => contentsOfProfile({ ...holder, authKeyPem: weakKey.toString() })).toThrow(
      expect.objectContaining({ code: 'virtual-card.profile-invalid' }),
    );
  });
});
