// Card contents for unit tests that do not need a dev PKI: fresh RSA-2048 keys and placeholder DER
// certificates (a SEQUENCE of the given size). Tests that need real X.509 load a holder profile instead.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { VirtualCardContents } from './card-contents.ts';

/** A DER SEQUENCE `30 82 LL LL …` of `total` bytes, filled with a recognisable pattern. */
export function placeholderDer(total: number, fill: number): Uint8Array {
  const out = new Uint8Array(total).fill(fill);
  out.set([0x30, 0x82, (total - 4) >> 8, (total - 4) & 0xff]);
  return out;
}

export interface TestCard {
  contents: VirtualCardContents;
  publicKeys: Record<'auth' | 'sign', KeyObject>;
}

export function createTestCardContents(holderId = 'test-holder'): TestCard {
  const auth = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    contents: {
      holderId,
      secrets: { auth: '1234', sign: 'ABC123' },
      keys: { auth: auth.privateKey, sign: sign.privateKey },
      certs: { auth: placeholderDer(1100, 0xaa), sign: placeholderDer(1700, 0x55) },
      caCerts: { auth: placeholderDer(900, 0xa1), sign: placeholderDer(950, 0x51) },
    },
    publicKeys: { auth: auth.publicKey, sign: sign.publicKey },
  };
}
