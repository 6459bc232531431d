// The JPKI client through PC/SC: private pcscd + vpcd + the virtual card of a dev-PKI holder, with the
// same suite the client runs over the in-process reader (read all certificates, tries, wrong PIN,
// blocked PIN, signatures checked with node:crypto).
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HolderProfile, initDevPki } from '@myna-tv/backend';
import { loadVirtualCard, PcscReader, VpcdLink } from '@myna-tv/stb-bridge';
import { afterAll, beforeAll } from 'vitest';
import { describeJpkiClient } from '../../stb-bridge/src/jpki/jpki-client.cases.ts';
import { type PrivatePcscd, startPcscd } from '../support/pcscd.ts';

let dir: string;
let pkiDir: string;
let holder: HolderProfile;
let pcscd: PrivatePcscd;
let reader: PcscReader;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jpki-client-pcsc-'));
  pkiDir = join(dir, 'pki');
  const [pki, daemon] = await Promise.all([initDevPki({ dir: pkiDir }), startPcscd()]);
  holder = pki.holders[0] as HolderProfile;
  pcscd = daemon;
  process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
  reader = await PcscReader.open();
});
afterAll(async () => {
  await reader?.close();
  await pcscd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const der = (pem: string) => new Uint8Array(new X509Certificate(pem).raw);

describeJpkiClient('through pcscd + vpcd', async () => {
  // A fresh state dir per test: some tests block the PINs, which the card persists.
  const card = await loadVirtualCard({
    pkiDir,
    holderId: holder.id,
    stateDir: mkdtempSync(join(dir, 'state-')),
  });
  const link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  link.insert();
  await reader.waitForCard({ reader: pcscd.readerName, timeoutMs: 10_000 });
  const connection = await reader.connect({ reader: pcscd.readerName });
  return {
    connection,
    certificates: {
      auth: der(holder.authCertPem),
      sign: der(holder.signCertPem),
      'auth-ca': der(holder.authCaPem),
      'sign-ca': der(holder.signCaPem),
    },
    publicKeys: {
      auth: new X509Certificate(holder.authCertPem).publicKey,
      sign: new X509Certificate(holder.signCertPem).publicKey,
    },
    secrets: { auth: holder.pin, sign: holder.password },
    close: async () => {
      await connection.disconnect();
      // Wait for the reader itself (not only pcscd) to see the card go, or the next test could find it.
      const removed = once(reader, 'card-removed');
      await link.remove();
      await removed;
    },
  };
});
