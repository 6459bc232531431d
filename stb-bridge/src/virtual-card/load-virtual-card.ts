// Builds a virtual card from a holder profile of the development PKI (`<pkiDir>/holders/<id>.json`,
// written by backend/src/dev-jpki) with its PIN counters persisted in `stateDir`.
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HolderProfile } from '@myna-tv/backend';
import type { VirtualCardContents } from './card-contents.ts';
import { createFilePinCounterStore, DEFAULT_STATE_DIR } from './pin-counter-store.ts';
import { VirtualCardError } from './virtual-card-error.ts';
import { VirtualJpkiCard } from './virtual-jpki-card.ts';

export const DEFAULT_PKI_DIR = './data/dev-pki';

export interface LoadVirtualCardOptions {
  holderId: string;
  /** Default ./data/dev-pki. */
  pkiDir?: string;
  /** Where PIN counters persist; default ./data/cards. */
  stateDir?: string;
  atr?: Uint8Array;
}

export async function loadVirtualCard(options: LoadVirtualCardOptions): Promise<VirtualJpkiCard> {
  const profile = await readHolderProfile(options.pkiDir ?? DEFAULT_PKI_DIR, options.holderId);
  return new VirtualJpkiCard({
    contents: contentsOfProfile(profile),
    pinCounters: createFilePinCounterStore({ dir: options.stateDir ?? DEFAULT_STATE_DIR }),
    ...(options.atr ? { atr: options.atr } : {}),
  });
}

/** Holder ids with a profile in `pkiDir`, sorted. */
export async function listHolderIds(pkiDir: string = DEFAULT_PKI_DIR): Promise<string[]> {
  const names = await readdir(join(pkiDir, 'holders')).catch(() => []);
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

async function readHolderProfile(pkiDir: string, holderId: string): Promise<HolderProfile> {
  const file = join(pkiDir, 'holders', `${holderId}.json`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(holderId)) {
    throw new VirtualCardError('virtual-card.holder-not-found', `no holder ${JSON.stringify(holderId)}`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new VirtualCardError('virtual-card.holder-not-found', `no holder profile ${file}`, { cause: err });
  }
  try {
    return JSON.parse(text) as HolderProfile;
  } catch (err) {
    throw new VirtualCardError('virtual-card.profile-invalid', `${file} is not JSON`, { cause: err });
  }
}

/** What the card holds of a profile: DER certificates, RSA-2048 private keys, the two secrets. */
export function contentsOfProfile(profile: HolderProfile): VirtualCardContents {
  try {
    return {
      holderId: profile.id,
      secrets: { auth: asciiSecret(profile.pin), sign: asciiSecret(profile.password) },
      keys: { auth: rsa2048(profile.authKeyPem), sign: rsa2048(profile.signKeyPem) },
      certs: { auth: der(profile.authCertPem), sign: der(profile.signCertPem) },
      caCerts: { auth: der(profile.authCaPem), sign: der(profile.signCaPem) },
    };
  } catch (err) {
    throw new VirtualCardError('virtual-card.profile-invalid', `holder profile ${profile.id} is unusable`, {
      cause: err,
    });
  }
}

function der(pem: string): Uint8Array {
  return new Uint8Array(new X509Certificate(pem).raw);
}

function rsa2048(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'rsa' || key.asymmetricKeyDetails?.modulusLength !== 2048) {
    throw new Error('the card holds RSA-2048 keys only');
  }
  return key;
}

function asciiSecret(secret: string): string {
  if (typeof secret !== 'string' || !/^[\x21-\x7e]{1,16}$/.test(secret))
    throw new Error('secret is not 1–16 ASCII characters');
  return secret;
}
