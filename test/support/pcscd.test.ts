import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import {
  createMemoryPinCounterStore,
  createTestCardContents,
  VirtualJpkiCard,
  VpcdLink,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePcscd, startPcscd } from './pcscd.ts';

const run = promisify(execFile);

let pcscd: PrivatePcscd;
let link: VpcdLink;
beforeAll(async () => {
  pcscd = await startPcscd();
  const card = new VirtualJpkiCard({
    contents: createTestCardContents().contents,
    pinCounters: createMemoryPinCounterStore(),
  });
  link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
});
afterAll(async () => {
  await link?.remove();
  await pcscd?.stop();
});

const tool = (file: string, args: string[]) =>
  run(file, args, { env: { ...process.env, ...pcscd.env }, timeout: 20_000 }).then((r) => r.stdout);

describe('private pcscd', () => {
  it('serves its own vpcd reader through PCSCLITE_CSOCK_NAME only', async () => {
    expect(await tool('opensc-tool', ['-l'])).toContain(pcscd.readerName);
    expect(
      existsSync('/run/pcscd/pcscd.comm') && pcscd.env.PCSCLITE_CSOCK_NAME === '/run/pcscd/pcscd.comm',
    ).toBe(false);
  });

  it('sees the virtual card, and again after a pcscd restart', async () => {
    link.insert();
    await pcscd.waitForCard(true);
    expect(await tool('opensc-tool', ['-r', '0', '-a'])).toContain('3b:e0:00:ff:81:31:fe:45:14');
    await pcscd.restart();
    await pcscd.waitForCard(true);
    expect(await tool('opensc-tool', ['-r', '0', '-a'])).toContain('3b:e0:00:ff:81:31:fe:45:14');
  });

  it('stops the daemon and removes its files', async () => {
    const socketDir = dirname(pcscd.env.PCSCLITE_CSOCK_NAME);
    await link.remove();
    await pcscd.waitForCard(false);
    await pcscd.stop();
    expect(existsSync(socketDir)).toBe(false);
    expect(await tool('opensc-tool', ['-l'])).toContain('No smart card readers found');
    await pcscd.stop();
  });
});
