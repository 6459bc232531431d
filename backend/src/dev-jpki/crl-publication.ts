// Publishing the CAs' CRLs into the data folder: after every revocation, at init, and again whenever the
// one on disk has passed its nextUpdate (so a long-running server never serves a stale CRL).
import { readFile } from 'node:fs/promises';
import * as pkijs from 'pkijs';
import type { CertPurpose } from '../jpki/oids.ts';
import { createCrl } from './crl.ts';
import type { DevPki } from './dev-pki.ts';
import { devPkiFiles, writeFileAtomic } from './dev-pki-files.ts';
import { type Ledger, readLedger, writeLedger } from './ledger.ts';

/** Signs a new CRL with the next number from `ledger`, then writes ledger and CRL. */
export async function publishCrl(options: {
  pki: DevPki;
  purpose: CertPurpose;
  ledger: Ledger;
  now?: Date;
}): Promise<Uint8Array<ArrayBuffer>> {
  const { pki, purpose, ledger } = options;
  ledger.crlNumber[purpose] += 1;
  const der = await createCrl({
    ca: pki.ca[purpose],
    revocations: ledger.revocations.filter((record) => record.purpose === purpose),
    crlNumber: ledger.crlNumber[purpose],
    ...(options.now ? { now: options.now } : {}),
  });
  await writeLedger(pki.dir, ledger);
  await writeFileAtomic(devPkiFiles(pki.dir).crl(purpose), der);
  return der;
}

async function readCrlFile(path: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The CRL on disk if still current at `now`, else a freshly published one. */
export async function currentCrl(
  pki: DevPki,
  purpose: CertPurpose,
  now = new Date(),
): Promise<Uint8Array<ArrayBuffer>> {
  const der = await readCrlFile(devPkiFiles(pki.dir).crl(purpose));
  if (der) {
    const nextUpdate = pkijs.CertificateRevocationList.fromBER(der).nextUpdate?.value;
    if (nextUpdate && nextUpdate > now) return der;
  }
  return publishCrl({ pki, purpose, ledger: await readLedger(pki.dir), now });
}

export async function publishMissingCrls(pki: DevPki, now?: Date): Promise<void> {
  for (const purpose of ['sign', 'auth'] as const) {
    if (await readCrlFile(devPkiFiles(pki.dir).crl(purpose))) continue;
    await publishCrl({ pki, purpose, ledger: await readLedger(pki.dir), ...(now ? { now } : {}) });
  }
}
