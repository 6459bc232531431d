// `npm run card` end to end: the CLI puts a dev-PKI holder's card into a private pcscd's vpcd reader
// and removes / re-inserts / swaps it on stdin commands and SIGUSR1.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { initDevPki } from '@myna-tv/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePcscd, startPcscd } from '../support/pcscd.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let pcscd: PrivatePcscd;
let cli: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'myna-card-cli-'));
  await initDevPki({ dir: join(dir, 'pki') });
  pcscd = await startPcscd();
});

afterAll(async () => {
  if (cli && cli.exitCode === null) {
    cli.kill('SIGTERM');
    await once(cli, 'exit');
  }
  await pcscd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function waitForOutput(pattern: RegExp, from: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!pattern.test(output.slice(from))) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const atrInReader = async () =>
  (await promisify(execFile)('opensc-tool', ['-a'], { env: { ...process.env, ...pcscd.env } })).stdout.trim();

describe('npm run card', () => {
  it('inserts the first demo holder, removes, re-inserts and swaps the card, and stops on SIGTERM', async () => {
    const args = ['--import', 'tsx', 'stb-bridge/src/virtual-card/main.ts'];
    args.push(
      '--vpcd-port',
      String(pcscd.vpcdPort),
      '--pki-dir',
      join(dir, 'pki'),
      '--state-dir',
      join(dir, 'cards'),
    );
    cli = spawn(process.execPath, [...args, '--atr', '3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'], {
      cwd: root,
    });
    cli.stdout?.on('data', (chunk) => (output += chunk));
    cli.stderr?.on('data', (chunk) => (output += chunk));
    const stdin = cli.stdin as NonNullable<ChildProcess['stdin']>;

    await waitForOutput(/holder tanaka-hanako, ATR 3B 88 80 .*tries left: PIN 3, password 5/, 0);
    await waitForOutput(/inserted/, 0);
    await pcscd.waitForCard(true);
    expect(await atrInReader()).toContain('3b:88:80:01:00:00:05:e0:b3:81:a1:00:7f');

    let mark = output.length;
    stdin.write('remove\n');
    await waitForOutput(/removed/, mark);
    await pcscd.waitForCard(false);

    mark = output.length;
    cli.kill('SIGUSR1');
    await waitForOutput(/inserted/, mark);
    await pcscd.waitForCard(true);

    mark = output.length;
    stdin.write('holder sato-yui\n');
    await waitForOutput(/holder sato-yui[\s\S]*inserted/, mark);

    mark = output.length;
    stdin.write('holder nobody\n');
    await waitForOutput(/error: no holder profile/, mark);

    mark = output.length;
    cli.kill('SIGTERM');
    const [code] = await once(cli, 'exit');
    expect(code).toBe(0);
    expect(output.slice(mark)).toMatch(/stopped/);
    expect(output).not.toMatch(/1234|ABC123/); // never prints a secret
  });
});
