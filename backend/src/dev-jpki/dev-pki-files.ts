// Layout of the development PKI's data folder (default ./data/dev-pki/), and atomic writes so a running
// responder never reads a half-written file while the CLI revokes.
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertPurpose } from '../jpki/oids.ts';

export const defaultDevPkiDir = 'data/dev-pki';

export function devPkiFiles(dir: string) {
  return {
    caCert: (purpose: CertPurpose) => join(dir, `${purpose}-ca.pem`),
    caKey: (purpose: CertPurpose) => join(dir, `${purpose}-ca.key.pem`),
    crl: (purpose: CertPurpose) => join(dir, `${purpose}.crl`),
    holdersDir: join(dir, 'holders'),
    holder: (id: string) => join(dir, 'holders', `${id}.json`),
    /** Every end-entity serial we issued: OCSP answers `unknown` for anything else. */
    issued: join(dir, 'issued.json'),
    /** Revoked serials with reason and time, plus each CA's last CRL number. */
    revocations: join(dir, 'revocations.json'),
  };
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, path);
}
