// `npm run jpki -- sign` end to end: a dev-PKI holder's virtual card plugged into a private pcscd via
// vpcd, the CLI signing through PC/SC, and `openssl cms -verify` accepting the result against the
// development signature CA. Also the in-process --holder mode, and a wrong password costing one try.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type HolderProfile, initDevPki } from '@myna-tv/backend';
import { loadVirtualCard, type VirtualJpkiCard, VpcdLink } from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signMain } from '../../stb-bridge/src/cli/jpki-sign.ts';
import { type PrivatePcscd, startPcscd } from '../support/pcscd.ts';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');

let dir: string;
let pkiDir: string;
let stateDir: string;
let holder: HolderProfile;
let pcscd: PrivatePcscd;
let card: VirtualJpkiCard;
let link: VpcdLink;
let input: string;
const content = 'マイナTV 現況届\nname=田中 花子\nstatus=alive\n';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jpki-sign-cli-'));
  pkiDir = join(dir, 'pki');
  stateDir = join(dir, 'cards');
  const [pki, daemon] = await Promise.all([initDevPki({ dir: pkiDir }), startPcscd()]);
  holder = pki.holders[0] as HolderProfile;
  pcscd = daemon;
  process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
  card = await loadVirtualCard({ pkiDir, holderId: holder.id, stateDir });
  link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  link.insert();
  await pcscd.waitForCard(true);
  input = join(dir, 'report.txt');
  writeFileSync(input, content);
});
afterAll(async () => {
  await link?.remove();
  await pcscd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function opensslVerify(p7s: string, extra: string[] = []): Promise<string> {
  const args = [
    'cms',
    '-verify',
    '-inform',
    'DER',
    '-in',
    p7s,
    '-CAfile',
    join(pkiDir, 'sign-ca.pem'),
    ...extra,
  ];
  return (await run('openssl', args, { encoding: 'utf8' })).stdout;
}

/** Runs signMain in this process with the password in the environment, capturing what it prints. */
async function signInProcess(argv: string[], password: string): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const spy = vi
    .spyOn(console, 'error')
    .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  vi.stubEnv('MYNA_SIGN_PASSWORD', password);
  try {
    return { code: await signMain(argv), stderr: lines.join('\n') };
  } finally {
    spy.mockRestore();
    vi.unstubAllEnvs();
  }
}

describe('jpki sign CLI', () => {
  it('signs through PC/SC from `npm run jpki -- sign`, and openssl verifies it against the sign CA', async () => {
    const out = join(dir, 'attached.p7s');
    const env = { ...process.env, ...pcscd.env, MYNA_SIGN_PASSWORD: holder.password.toLowerCase() };
    const { stderr } = await run('npx', ['tsx', 'scripts/jpki.ts', 'sign', '--in', input, '--out', out], {
      cwd: repo,
      env,
      encoding: 'utf8',
    });
    expect(stderr).toContain('5 tries left');
    expect(stderr).not.toContain(holder.password);
    expect(await opensslVerify(out)).toBe(content);
  });

  it('makes a detached signature with the CA certificate included', async () => {
    const out = join(dir, 'detached.p7s');
    const argv = ['--in', input, '--out', out, '--detached', '--include-ca', '--reader', pcscd.readerName];
    expect((await signInProcess(argv, holder.password)).code).toBe(0);
    // -binary: openssl would otherwise turn the LFs of the content into CRLFs before hashing.
    await opensslVerify(out, ['-content', input, '-binary', '-out', join(dir, 'detached.out')]);
    expect(readFileSync(join(dir, 'detached.out'), 'utf8')).toBe(content);
    const certs = await run('openssl', ['pkcs7', '-inform', 'DER', '-in', out, '-print_certs', '-noout'], {
      encoding: 'utf8',
    });
    expect(certs.stdout.match(/subject=/g)).toHaveLength(2);
  });

  it('stops at a wrong password after one try and says how many are left', async () => {
    const before = card.triesLeft().sign;
    const result = await signInProcess(['--in', input, '--out', join(dir, 'never.p7s')], 'WRONG123');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`wrong signature password: ${before - 1} tries left`);
    expect(card.triesLeft().sign).toBe(before - 1);
    // A right password resets the counter.
    expect(
      (await signInProcess(['--in', input, '--out', join(dir, 'again.p7s')], holder.password)).code,
    ).toBe(0);
    expect(card.triesLeft().sign).toBe(5);
  });

  it('signs with the holder card in-process (--holder), no PC/SC involved', async () => {
    const out = join(dir, 'holder.p7s');
    const argv = [
      '--in',
      input,
      '--out',
      out,
      '--holder',
      holder.id,
      '--pki-dir',
      pkiDir,
      '--state-dir',
      join(dir, 'other-state'),
    ];
    const result = await signInProcess(argv, holder.password);
    expect(result.stderr).toContain('Myna TV virtual reader');
    expect(result.code).toBe(0);
    expect(await opensslVerify(out)).toBe(content);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await signInProcess(['--in', input], holder.password)).code).toBe(2);
    expect((await signInProcess(['--bogus'], holder.password)).code).toBe(2);
  });
});
