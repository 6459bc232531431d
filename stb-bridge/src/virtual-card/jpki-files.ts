// The elementary files of the emulated JPKI AP (jpki spec §1.2) and who may use them.
import type { KeyObject } from 'node:crypto';
import { JpkiEf } from '../jpki/card-ids.ts';
import type { PinPurpose, VirtualCardContents } from './card-contents.ts';
import { buildTokenInfo } from './token-info.ts';

export type JpkiFile =
  /** Transparent EF; `readNeeds` = secret that must be verified before READ BINARY. */
  | { kind: 'binary'; data: Uint8Array; readNeeds?: PinPurpose }
  /** Internal EF holding a private key: never readable, used by COMPUTE DIGITAL SIGNATURE. */
  | { kind: 'key'; purpose: PinPurpose; key: KeyObject }
  /** Internal EF holding a secret: never readable, the target of VERIFY. */
  | { kind: 'pin'; purpose: PinPurpose };

/** EF 0008: both certificates present (byte 0 ≠ 8F would mean no signature certificate). */
const CERT_FLAGS = Uint8Array.from([0x8f, 0x8f, 0x00]);

export function buildJpkiFiles(contents: VirtualCardContents): ReadonlyMap<number, JpkiFile> {
  return new Map<number, JpkiFile>([
    [JpkiEf.SIGN_CERT, { kind: 'binary', data: contents.certs.sign, readNeeds: 'sign' }],
    [JpkiEf.SIGN_CA_CERT, { kind: 'binary', data: contents.caCerts.sign }],
    [JpkiEf.TOKEN_INFO, { kind: 'binary', data: buildTokenInfo(contents.holderId) }],
    [JpkiEf.CERT_FLAGS, { kind: 'binary', data: CERT_FLAGS }],
    [JpkiEf.AUTH_CERT, { kind: 'binary', data: contents.certs.auth }],
    [JpkiEf.AUTH_CA_CERT, { kind: 'binary', data: contents.caCerts.auth }],
    [JpkiEf.AUTH_KEY, { kind: 'key', purpose: 'auth', key: contents.keys.auth }],
    [JpkiEf.AUTH_PIN, { kind: 'pin', purpose: 'auth' }],
    [JpkiEf.SIGN_KEY, { kind: 'key', purpose: 'sign', key: contents.keys.sign }],
    [JpkiEf.SIGN_PIN, { kind: 'pin', purpose: 'sign' }],
  ]);
}
