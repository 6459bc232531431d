// OpenSC 0.23 (the reference JPKI client) against the virtual card through a private pcscd + vpcd:
// detection by ATR and by SELECT AID, PKCS#15 objects, certificate read, PIN tries, PKCS#11 signing.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type HolderProfile, initDevPki } from '@myna-tv/backend';
import { loadVirtualCard, VpcdLink } from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePcscd, startPcscd } from '../support/pcscd.ts';

const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const CONTACTLESS_ATR = Uint8Array.from(Buffer.from('3B888001000005E0B381A1007F', 'hex'));

let dir: string;
let pkiDir: string;
let stateDir: string;
let holder: HolderProfile;
let others: HolderProfile[];
let pcscd: PrivatePcscd;
let link: VpcdLink | undefined;

/** Puts `holder`'s card (optionally with another ATR) into the reader and waits until pcscd sees it. */
async function insertCard(atr?: Uint8Array): Promise<void> {
  await link?.remove();
  if (link) await pcscd.waitForCard(false);
  const card = await loadVirtualCard({ pkiDir, holderId: holder.id, stateDir, ...(atr ? { atr } : {}) });
  link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  link.insert();
  await pcscd.waitForCard(true);
}

const run = promisify(execFile);
/**
 * Runs an OpenSC tool against the private pcscd. Full driver detection (every driver's AID probe, as in
 * the field) by default; `jpkiOnly` loads just the jpki driver (OPENSC_DRIVER) for tests about what
 * happens after detection, since every APDU through vpcd costs ~44 ms.
 */
async function tool(file: string, args: string[], options: { jpkiOnly?: boolean } = {}): Promise<string> {
  const env = { ...process.env, ...pcscd.env, ...(options.jpkiOnly ? { OPENSC_DRIVER: 'jpki' } : {}) };
  const { stdout } = await run(file, args, { env, timeout: 60_000 });
  return stdout;
}
async function toolFailure(file: string, args: string[]): Promise<string> {
  try {
    await tool(file, args, { jpkiOnly: true });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    return stdout + stderr;
  }
  throw new Error(`${file} ${args.join(' ')} succeeded`);
}

/** Tries left per PIN label, as `pkcs15-tool -D` / `--list-pins` print them. */
function triesLeft(output: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const block of output.split(/\n(?=PIN \[)/)) {
    const label = /^PIN \[(.+)\]/.exec(block)?.[1];
    const tries = /Tries left\s*:\s*(\d+)/.exec(block)?.[1];
    if (label && tries) out[label] = Number(tries);
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'myna-opensc-'));
  pkiDir = join(dir, 'pki');
  stateDir = join(dir, 'cards');
  const pki = await initDevPki({ dir: pkiDir });
  [holder, ...others] = pki.holders as [HolderProfile, ...HolderProfile[]];
  pcscd = await startPcscd();
  await insertCard();
});

afterAll(async () => {
  await link?.remove();
  await pcscd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('OpenSC with the virtual JPKI card', () => {
  it('reads the ATR', async () => {
    expect(await tool('opensc-tool', ['-a'])).toContain('3b:e0:00:ff:81:31:fe:45:14');
  });

  it('lists both certificates, both PINs with their tries and both private keys', async () => {
    const out = await tool('pkcs15-tool', ['-D']);
    expect(out).toContain('PKCS#15 Card [JPKI]');
    for (const label of [
      'X.509 Certificate [User Authentication Certificate]',
      'X.509 Certificate [Digital Signature Certificate]',
      'X.509 Certificate [User Authentication Certificate CA]',
      'X.509 Certificate [Digital Signature Certificate CA]',
      'Private RSA Key [User Authentication Key]',
      'Private RSA Key [Digital Signature Key]',
    ]) {
      expect(out).toContain(label);
    }
    expect(triesLeft(out)).toEqual({ 'User Authentication PIN': 3, 'Digital Signature PIN': 5 });
  });

  it('reads the user-authentication certificate freely and the signature certificate only with the password', async () => {
    const auth = new X509Certificate(
      await tool('pkcs15-tool', ['--read-certificate', '01'], { jpkiOnly: true }),
    );
    expect(auth.raw.equals(new X509Certificate(holder.authCertPem).raw)).toBe(true);
    // The card answers 6982 to the first READ; OpenSC 0.23 reports it as "EF offset too large", later
    // versions as "Security status not satisfied".
    expect(await toolFailure('pkcs15-tool', ['--read-certificate', '02'])).toMatch(
      /Security status not satisfied|EF offset too large/i,
    );
    const sign = new X509Certificate(
      await tool(
        'pkcs15-tool',
        ['--read-certificate', '02', '-a', '02', '--verify-pin', '--pin', holder.password],
        { jpkiOnly: true },
      ),
    );
    expect(sign.raw.equals(new X509Certificate(holder.signCertPem).raw)).toBe(true);
  });

  it('signs with the user-authentication key through PKCS#11, verifiable with openssl', async () => {
    const data = join(dir, 'data');
    const sig = join(dir, 'sig');
    const pub = join(dir, 'pub.pem');
    writeFileSync(data, 'マイナTV 現況届 2026\n');
    writeFileSync(
      pub,
      new X509Certificate(holder.authCertPem).publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const login = ['--module', PKCS11_MODULE, '--login', '--pin', holder.pin, '--id', '01'];
    const sign = ['-s', '-m', 'SHA256-RSA-PKCS', '-i', data, '-o', sig];
    await tool('pkcs11-tool', [...login, ...sign], { jpkiOnly: true });
    expect(await tool('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, data])).toContain(
      'Verified OK',
    );
  });

  it('shows the tries left after a wrong PIN, for this holder only', async () => {
    expect(await toolFailure('pkcs15-tool', ['--verify-pin', '-a', '01', '--pin', '9999'])).toMatch(
      /incorrect|PIN code verification failed/i,
    );
    expect(triesLeft(await tool('pkcs15-tool', ['--list-pins'], { jpkiOnly: true }))).toEqual({
      'User Authentication PIN': 2,
      'Digital Signature PIN': 5,
    });
    // Counters persist per holder: this card's file changed, the other holders' cards are untouched.
    expect(readdirSync(stateDir)).toEqual([`${holder.id}.json`]);
    for (const other of others) {
      const card = await loadVirtualCard({ pkiDir, holderId: other.id, stateDir });
      expect(card.triesLeft()).toEqual({ auth: 3, sign: 5 });
    }
    await tool('pkcs15-tool', ['--verify-pin', '-a', '01', '--pin', holder.pin], { jpkiOnly: true });
    expect(triesLeft(await tool('pkcs15-tool', ['--list-pins'], { jpkiOnly: true }))).toEqual({
      'User Authentication PIN': 3,
      'Digital Signature PIN': 5,
    });
  });

  it('detects the card by SELECT of the JPKI AID under a contactless ATR', async () => {
    await insertCard(CONTACTLESS_ATR);
    expect(await tool('opensc-tool', ['-a'])).toContain('3b:88:80:01:00:00:05:e0:b3:81:a1:00:7f');
    expect((await tool('opensc-tool', ['-n'])).trim()).toBe('jpki');
    const auth = new X509Certificate(await tool('pkcs15-tool', ['--read-certificate', '01']));
    expect(auth.raw.equals(new X509Certificate(holder.authCertPem).raw)).toBe(true);
  });
});
