// The development JPKI as a whole: two CAs, the demo card holders, ledger and CRLs in one data folder.
// `initDevPki` is idempotent: it creates what is missing and loads what is there.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import type { CertPurpose } from '../jpki/oids.ts';
import { publishMissingCrls } from './crl-publication.ts';
import { demoHolders } from './demo-holders.ts';
import { createCa, type DevCa, loadCa } from './dev-ca.ts';
import { DevPkiError } from './dev-pki-error.ts';
import { defaultDevPkiDir, devPkiFiles, writeFileAtomic } from './dev-pki-files.ts';
import type { IssuedCertificate } from './end-entity.ts';
import { issueHolder } from './holder-issuance.ts';
import type { HolderProfile } from './holder-profile.ts';
import { type IssuedRecord, readLedger, writeLedger } from './ledger.ts';

export interface DevPki {
  dir: string;
  ca: Record<CertPurpose, DevCa>;
  holders: HolderProfile[];
}

const purposes: readonly CertPurpose[] = ['sign', 'auth'];

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function loadOrCreateCa(dir: string, purpose: CertPurpose, now: Date | undefined): Promise<DevCa> {
  const files = devPkiFiles(dir);
  const [certPem, keyPem] = await Promise.all([
    readIfPresent(files.caCert(purpose)),
    readIfPresent(files.caKey(purpose)),
  ]);
  if (certPem && keyPem) return loadCa({ purpose, certPem, keyPem });
  const ca = await createCa({ purpose, ...(now ? { now } : {}) });
  await writeFileAtomic(files.caKey(purpose), ca.keyPem);
  await writeFileAtomic(files.caCert(purpose), ca.pem);
  return ca;
}

function parseHolder(path: string, text: string): HolderProfile {
  try {
    return JSON.parse(text) as HolderProfile;
  } catch (error) {
    throw new DevPkiError('dev-pki.data-corrupt', `${path} is not valid JSON`, { cause: error });
  }
}

function issuedRecord(certificate: IssuedCertificate, holderId?: string): IssuedRecord {
  return {
    purpose: certificate.purpose,
    serial: certificate.serial,
    ...(holderId ? { holderId } : {}),
    notAfter: certificate.notAfter.toISOString(),
  };
}

export async function initDevPki(options: { dir?: string; now?: Date } = {}): Promise<DevPki> {
  const { dir = defaultDevPkiDir, now } = options;
  const files = devPkiFiles(dir);
  await mkdir(files.holdersDir, { recursive: true });
  const [sign, auth] = await Promise.all(purposes.map((purpose) => loadOrCreateCa(dir, purpose, now)));
  const ca = { sign: sign as DevCa, auth: auth as DevCa };

  const ledger = await readLedger(dir);
  const holders = await Promise.all(
    demoHolders.map(async (seed) => {
      const path = files.holder(seed.id);
      const existing = await readIfPresent(path);
      if (existing) return parseHolder(path, existing);
      const issued = await issueHolder({ seed, ca, ...(now ? { now } : {}) });
      ledger.issued.push(issuedRecord(issued.certificates.sign, seed.id));
      ledger.issued.push(issuedRecord(issued.certificates.auth, seed.id));
      await writeFileAtomic(path, `${JSON.stringify(issued.profile, null, 2)}\n`);
      return issued.profile;
    }),
  );
  await writeLedger(dir, ledger);
  const pki: DevPki = { dir, ca, holders };
  await publishMissingCrls(pki, now);
  return pki;
}

/** Loads an existing data folder (CA keys, every holder file); `dev-pki.not-found` when there is none. */
export async function loadDevPki(dir: string = defaultDevPkiDir): Promise<DevPki> {
  const files = devPkiFiles(dir);
  const cas = await Promise.all(
    purposes.map(async (purpose) => {
      const [certPem, keyPem] = await Promise.all([
        readIfPresent(files.caCert(purpose)),
        readIfPresent(files.caKey(purpose)),
      ]);
      if (!certPem || !keyPem) {
        throw new DevPkiError(
          'dev-pki.not-found',
          `no development PKI in ${dir} (run: npm run jpki -- pki init)`,
        );
      }
      return loadCa({ purpose, certPem, keyPem });
    }),
  );
  const names = (await readdir(files.holdersDir).catch(() => []))
    .filter((name) => name.endsWith('.json'))
    .sort();
  const holders = await Promise.all(
    names.map(async (name) => {
      const path = files.holder(name.replace(/\.json$/, ''));
      return parseHolder(path, await readFile(path, 'utf8'));
    }),
  );
  return { dir, ca: { sign: cas[0] as DevCa, auth: cas[1] as DevCa }, holders };
}

/** Adds a certificate made with `issueEndEntity` to the ledger, so OCSP answers `good` rather than `unknown`. */
export async function recordIssued(
  pki: DevPki,
  certificate: IssuedCertificate,
  options: { holderId?: string } = {},
): Promise<void> {
  const ledger = await readLedger(pki.dir);
  ledger.issued.push(issuedRecord(certificate, options.holderId));
  await writeLedger(pki.dir, ledger);
}
