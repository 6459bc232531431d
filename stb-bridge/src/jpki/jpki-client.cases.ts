// What the JPKI client does with a card, as one suite run over every way of reaching one (the
// in-process virtual reader beside the code, PC/SC + vpcd in test/card/). Each test gets a fresh card,
// since some block its PINs. Not a test file itself.
import { type KeyObject, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCardError } from '../card/card-error.ts';
import type { CardConnection } from '../card/card-reader.ts';
import { MAX_TRIES, TOKEN_LABEL } from './card-ids.ts';
import { sha256DigestInfo } from './digest-info.ts';
import { type CertificateKind, JpkiClient } from './jpki-client.ts';
import type { PinKind } from './pin-format.ts';

export interface JpkiCardFixture {
  connection: CardConnection;
  certificates: Record<CertificateKind, Uint8Array>;
  publicKeys: Record<PinKind, KeyObject>;
  secrets: Record<PinKind, string>;
  close(): Promise<void>;
}

const WRONG: Record<PinKind, string> = { auth: '0000', sign: 'WRONG1' };

async function codeOf(promise: Promise<unknown>): Promise<{ code?: string; triesLeft?: number }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isCardError(error)) throw new Error(`expected a CardError, got ${String(error)}`);
  return { code: error.code, triesLeft: error.triesLeft };
}

export function describeJpkiClient(label: string, freshCard: () => Promise<JpkiCardFixture>): void {
  describe(`JpkiClient: ${label}`, () => {
    let f: JpkiCardFixture;
    let client: JpkiClient;
    beforeEach(async () => {
      f = await freshCard();
      client = new JpkiClient(f.connection);
    });
    afterEach(async () => {
      await f.close();
    });

    it('reads the free certificates, and the signature one only after the password', async () => {
      for (const kind of ['auth', 'auth-ca', 'sign-ca'] as const) {
        expect(Buffer.from(await client.readCertificate(kind)).equals(f.certificates[kind]), kind).toBe(true);
      }
      expect(await codeOf(client.readCertificate('sign'))).toEqual({ code: 'card.pin-required' });
      await client.verifyPin('sign', f.secrets.sign.toLowerCase());
      expect(Buffer.from(await client.readCertificate('sign')).equals(f.certificates.sign)).toBe(true);
    });

    it('reports the token label', async () => {
      expect((await client.readTokenInfo()).label).toBe(TOKEN_LABEL);
    });

    it('counts tries without using one, and a wrong PIN costs exactly one', async () => {
      for (const kind of ['auth', 'sign'] as const) {
        expect(await client.triesLeft(kind)).toBe(MAX_TRIES[kind]);
        expect(await client.triesLeft(kind)).toBe(MAX_TRIES[kind]);
        const wrong = await codeOf(client.verifyPin(kind, WRONG[kind]));
        expect(wrong).toEqual({ code: 'card.pin-wrong', triesLeft: MAX_TRIES[kind] - 1 });
        expect(await client.triesLeft(kind)).toBe(MAX_TRIES[kind] - 1);
        await client.verifyPin(kind, f.secrets[kind]);
        expect(await client.triesLeft(kind)).toBe(MAX_TRIES[kind]);
      }
    });

    it('rejects a malformed PIN before the card sees it', async () => {
      for (const pin of ['123', '12345', 'abcd', '']) {
        expect(await codeOf(client.verifyPin('auth', pin))).toEqual({ code: 'card.pin-format' });
      }
      for (const password of ['ABCDEF', '123456', 'AB12', 'A'.repeat(16).concat('1'), 'ABC-123']) {
        expect(await codeOf(client.verifyPin('sign', password))).toEqual({ code: 'card.pin-format' });
      }
      expect(await client.triesLeft('auth')).toBe(MAX_TRIES.auth);
      expect(await client.triesLeft('sign')).toBe(MAX_TRIES.sign);
    });

    it('blocks the PIN on the last wrong try and stays blocked for the right one', async () => {
      for (let left = MAX_TRIES.auth - 1; left > 0; left--) {
        expect(await codeOf(client.verifyPin('auth', WRONG.auth))).toEqual({
          code: 'card.pin-wrong',
          triesLeft: left,
        });
      }
      expect(await codeOf(client.verifyPin('auth', WRONG.auth))).toEqual({
        code: 'card.pin-blocked',
        triesLeft: 0,
      });
      expect(await client.triesLeft('auth')).toBe(0);
      expect(await codeOf(client.verifyPin('auth', f.secrets.auth))).toEqual({
        code: 'card.pin-blocked',
        triesLeft: 0,
      });
      expect(await codeOf(client.signWithAuthKey(new Uint8Array(32)))).toEqual({ code: 'card.pin-required' });
    });

    it('signs with each key after its PIN, verifiable with the certificate key', async () => {
      const challenge = new TextEncoder().encode('login challenge 0123456789abcdef');
      expect(await codeOf(client.signWithAuthKey(challenge))).toEqual({ code: 'card.pin-required' });
      await client.verifyPin('auth', f.secrets.auth);
      const authSignature = await client.signWithAuthKey(challenge);
      expect(verify('sha256', challenge, f.publicKeys.auth, authSignature)).toBe(true);

      await client.verifyPin('sign', f.secrets.sign);
      const signSignature = await client.signDigestInfo('sign', sha256DigestInfo(challenge));
      expect(verify('sha256', challenge, f.publicKeys.sign, signSignature)).toBe(true);
      expect(verify('sha256', challenge, f.publicKeys.auth, signSignature)).toBe(false);
    });
  });
}
