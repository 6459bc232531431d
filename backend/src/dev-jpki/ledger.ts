// The ledger of the development PKI: what each CA issued and what it revoked. Kept on disk (issued.json,
// revocations.json) and read afresh by the responder on every request, so a revocation made by the CLI in
// another process shows up at once.
import { readFile } from 'node:fs/promises';
import type { CertPurpose } from '../jpki/oids.ts';
import { DevPkiError } from './dev-pki-error.ts';
import { devPkiFiles, writeFileAtomic } from './dev-pki-files.ts';
import type { RevocationReason } from './revocation-reason.ts';

export interface IssuedRecord {
  purpose: CertPurpose;
  /** Upper-case hex. */
  serial: string;
  holderId?: string;
  /** ISO 8601. */
  notAfter: string;
}

export interface RevocationRecord {
  purpose: CertPurpose;
  serial: string;
  holderId?: string;
  reason: RevocationReason;
  /** ISO 8601. */
  revokedAt: string;
}

export interface Ledger {
  issued: IssuedRecord[];
  revocations: RevocationRecord[];
  /** Number of the last CRL each CA published (the cRLNumber extension must grow). */
  crlNumber: Record<CertPurpose, number>;
}

async function readJson<T>(path: string, empty: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DevPkiError('dev-pki.data-corrupt', `${path} is not valid JSON`, { cause: error });
  }
}

export async function readLedger(dir: string): Promise<Ledger> {
  const files = devPkiFiles(dir);
  const issued = await readJson(files.issued, { certificates: [] as IssuedRecord[] });
  const revoked = await readJson(files.revocations, {
    crlNumber: { sign: 0, auth: 0 } as Record<CertPurpose, number>,
    revocations: [] as RevocationRecord[],
  });
  return { issued: issued.certificates, revocations: revoked.revocations, crlNumber: revoked.crlNumber };
}

export async function writeLedger(dir: string, ledger: Ledger): Promise<void> {
  const files = devPkiFiles(dir);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFileAtomic(files.issued, json({ certificates: ledger.issued }));
  await writeFileAtomic(
    files.revocations,
    json({ crlNumber: ledger.crlNumber, revocations: ledger.revocations }),
  );
}
