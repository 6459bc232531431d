import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pkiMain } from './cli.ts';
import { readLedger } from './ledger.ts';

let dir: string;
let printed: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-pki-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(...argv: string[]): Promise<number> {
  printed = [];
  const capture = (...parts: unknown[]) => {
    printed.push(parts.join(' '));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  return pkiMain(argv);
}

describe('pkiMain', () => {
  it('init creates the PKI and lists holders, without printing secrets', async () => {
    expect(await run('init', '--dir', dir)).toBe(0);
    const output = printed.join('\n');
    expect(output).toContain('tanaka-hanako');
    expect(output).toMatch(/sign {2}[0-9A-F]{16} {2}valid to /);
    expect(output).not.toMatch(/\b1234\b|ABC123/);
  });

  it('list reads the existing PKI', async () => {
    expect(await run('list', '--dir', dir)).toBe(0);
    expect(printed.join('\n')).toContain('suzuki-ichiro');
  });

  it('revoke records the reason, then list shows it', async () => {
    expect(
      await run('revoke', '--dir', dir, '--holder', 'sato-yui', '--purpose', 'sign', '--reason', 'renewal'),
    ).toBe(0);
    expect((await readLedger(dir)).revocations).toMatchObject([
      { holderId: 'sato-yui', reason: 'superseded' },
    ]);
    await run('list', '--dir', dir);
    expect(printed.join('\n')).toMatch(/sign {2}[0-9A-F]{16} {2}revoked superseded /);
  });

  it('answers bad input with a message and exit code 2, missing data with 1', async () => {
    expect(
      await run('revoke', '--dir', dir, '--holder', 'sato-yui', '--purpose', 'both', '--reason', 'loss'),
    ).toBe(2);
    expect(
      await run('revoke', '--dir', dir, '--holder', 'sato-yui', '--purpose', 'auth', '--reason', 'stolen'),
    ).toBe(2);
    expect(await run('frobnicate')).toBe(2);
    expect(printed.join('\n')).toContain('usage: jpki pki');
    expect(await run('--no-such-flag')).toBe(2);
    expect(
      await run('revoke', '--dir', dir, '--holder', 'nobody', '--purpose', 'auth', '--reason', 'loss'),
    ).toBe(1);
    expect(await run('list', '--dir', join(dir, 'absent'))).toBe(1);
  });
});
