// The JPKI application of the My Number Card over any card connection (after myna's reader.rs and
// jpki.rs): certificates, PIN tries, PIN verification and signing, as ISO 7816-4 APDUs (jpki spec §2).
// A PIN is never retried, logged or kept: each wrong try is reported to the caller with the tries left.

import type { CommandApdu, ResponseApdu } from '../apdu/index.ts';
import { ApduError, encodeCommand, expectOk, parseResponse, SW, swHex, triesLeftOf } from '../apdu/index.ts';
import { CardError } from '../card/card-error.ts';
import type { CardConnection } from '../card/card-reader.ts';
import { JPKI_AID, JpkiEf, MAX_TRIES } from './card-ids.ts';
import { derSequenceLength, MAX_DER_HEADER } from './der-length.ts';
import { sha256DigestInfo } from './digest-info.ts';
import { encodePin, type PinKind } from './pin-format.ts';

export type CertificateKind = 'auth' | 'sign' | 'auth-ca' | 'sign-ca';

const CERT_EF: Record<CertificateKind, number> = {
  auth: JpkiEf.AUTH_CERT,
  sign: JpkiEf.SIGN_CERT,
  'auth-ca': JpkiEf.AUTH_CA_CERT,
  'sign-ca': JpkiEf.SIGN_CA_CERT,
};
const PIN_EF: Record<PinKind, number> = { auth: JpkiEf.AUTH_PIN, sign: JpkiEf.SIGN_PIN };
const KEY_EF: Record<PinKind, number> = { auth: JpkiEf.AUTH_KEY, sign: JpkiEf.SIGN_KEY };

/** READ BINARY offsets are 15 bits. */
const MAX_CERTIFICATE_BYTES = 0x7fff;
/** Short Le: the chunk size every reader and card supports (no extended length needed). */
const MAX_CHUNK = 256;
/** PKCS#1 v1.5 on RSA-2048 leaves room for at most 245 bytes of DigestInfo. */
const MAX_DIGEST_INFO = 245;
const SIGNATURE_BYTES = 256;
const TOKEN_LABEL_BYTES = 32;

export interface TokenInfo {
  /** `JPKIAPICCTOKEN2` on a My Number Card (jpki spec §1.4). */
  label: string;
}

export class JpkiClient {
  private selected = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: CardConnection,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  /** Selects the JPKI AP. Selecting again logs out (clears verified PINs). */
  selectJpkiAp(): Promise<void> {
    return this.serialize(() => this.select());
  }

  /** The DER certificate. `sign` needs the signature password verified first (`card.pin-required`). */
  readCertificate(kind: CertificateKind): Promise<Uint8Array> {
    return this.exclusive(async () => {
      await this.selectEf(CERT_EF[kind]);
      const head = await this.readBinary(0, MAX_DER_HEADER, `read ${kind} certificate`);
      const total = derSequenceLength(head, MAX_CERTIFICATE_BYTES);
      const der = new Uint8Array(total);
      der.set(head.subarray(0, total));
      for (let offset = head.length; offset < total; ) {
        const want = Math.min(MAX_CHUNK, total - offset);
        const chunk = await this.readBinary(offset, want, `read ${kind} certificate`);
        if (chunk.length !== want) {
          throw new CardError(
            'card.bad-response',
            `${kind} certificate: asked ${want} bytes at offset ${offset}, got ${chunk.length}`,
          );
        }
        der.set(chunk, offset);
        offset += want;
      }
      return der;
    });
  }

  /** Tries left, by the VERIFY without data: it never uses a try. 0 means blocked. */
  triesLeft(kind: PinKind): Promise<number> {
    return this.exclusive(async () => {
      await this.selectEf(PIN_EF[kind]);
      const res = await this.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 });
      const tries = triesLeftOf(res.sw);
      if (tries !== undefined) return tries;
      if (res.sw === SW.AUTH_METHOD_BLOCKED) return 0;
      // Some cards answer 9000 while the PIN is verified; the counter is then full (jpki spec §2.4).
      if (res.sw === SW.OK) return MAX_TRIES[kind];
      throw statusError(res.sw, `tries left of the ${kind} PIN`);
    });
  }

  /**
   * Verifies the PIN once. Resolves when it is right; a wrong one throws `card.pin-wrong` with
   * `triesLeft`, the last wrong one or any try on a blocked PIN `card.pin-blocked`. Never retries.
   */
  async verifyPin(kind: PinKind, pin: string): Promise<void> {
    const bytes = encodePin(kind, pin);
    return this.exclusive(async () => {
      await this.selectEf(PIN_EF[kind]);
      let res: ResponseApdu;
      try {
        res = await this.send({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: bytes });
      } finally {
        bytes.fill(0);
      }
      if (res.sw === SW.OK) return;
      const tries = triesLeftOf(res.sw);
      if (tries === 0 || res.sw === SW.AUTH_METHOD_BLOCKED) {
        throw new CardError('card.pin-blocked', `the ${kind} PIN is blocked`, { sw: res.sw, triesLeft: 0 });
      }
      if (tries !== undefined) {
        throw new CardError('card.pin-wrong', `wrong ${kind} PIN, ${tries} tries left`, {
          sw: res.sw,
          triesLeft: tries,
        });
      }
      throw statusError(res.sw, `verify the ${kind} PIN`);
    });
  }

  /** The card signs a DigestInfo (PKCS#1 v1.5 padding on the card) with the auth or sign key. */
  async signDigestInfo(kind: PinKind, digestInfo: Uint8Array): Promise<Uint8Array> {
    if (digestInfo.length < 1 || digestInfo.length > MAX_DIGEST_INFO) {
      const message = `a DigestInfo of ${digestInfo.length} bytes cannot be signed (1–${MAX_DIGEST_INFO})`;
      throw new CardError('card.bad-input', message);
    }
    return this.exclusive(async () => {
      await this.selectEf(KEY_EF[kind]);
      const res = await this.send({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: digestInfo, le: 256 });
      const signature = expectStatus(res, `sign with the ${kind} key`);
      if (signature.length !== SIGNATURE_BYTES) {
        throw new CardError('card.bad-response', `signature of ${signature.length} bytes, expected 256`);
      }
      return signature;
    });
  }

  /** Signs `challenge` with the user-authentication key: RSASSA-PKCS1-v1_5 / SHA-256 over the bytes. */
  signWithAuthKey(challenge: Uint8Array): Promise<Uint8Array> {
    return this.signDigestInfo('auth', sha256DigestInfo(challenge));
  }

  readTokenInfo(): Promise<TokenInfo> {
    return this.exclusive(async () => {
      await this.selectEf(JpkiEf.TOKEN_INFO);
      const bytes = await this.readBinary(0, TOKEN_LABEL_BYTES, 'read token info');
      return { label: new TextDecoder('ascii').decode(bytes).replace(/[\s\0]+$/, '') };
    });
  }

  /** Runs an operation inside the JPKI AP, selecting it first on a fresh connection. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      if (!this.selected) await this.select();
      return operation();
    });
  }

  /** One operation at a time: an EF selected by one must not be changed under it by another. */
  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async select(): Promise<void> {
    const res = await this.send({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: JPKI_AID });
    if (res.sw === SW.FILE_NOT_FOUND) {
      throw new CardError('card.not-jpki', 'the card has no JPKI application', { sw: res.sw });
    }
    expectOk(res, 'select the JPKI AP');
    this.selected = true;
  }

  private async selectEf(fid: number): Promise<void> {
    const data = Uint8Array.from([fid >> 8, fid & 0xff]);
    expectOk(await this.send({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data }), `select EF ${hex4(fid)}`);
  }

  private async readBinary(offset: number, le: number, what: string): Promise<Uint8Array> {
    const res = await this.send({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le });
    if (res.sw === SW.WRONG_P1P2_OFFSET) {
      throw new CardError('card.bad-response', `${what}: the file ends before offset ${offset}`, {
        sw: res.sw,
      });
    }
    if (res.data.length > le) {
      throw new CardError('card.bad-response', `${what}: ${res.data.length} bytes for Le ${le}`);
    }
    return expectStatus(res, what);
  }

  private async send(command: CommandApdu): Promise<ResponseApdu> {
    const bytes = encodeCommand(command);
    const timeoutMs = this.options.timeoutMs;
    return parseResponse(await this.connection.transmit(bytes, timeoutMs ? { timeoutMs } : {}));
  }
}

/** Data of a 9000 answer; 6982 means a PIN must be verified first. */
function expectStatus(res: ResponseApdu, what: string): Uint8Array {
  if (res.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
    throw new CardError('card.pin-required', `${what}: verify the PIN first`, { sw: res.sw });
  }
  return expectOk(res, what);
}

function statusError(sw: number, what: string): ApduError {
  return new ApduError('apdu.status', `${what}: card answered SW=${swHex(sw)}`, { sw });
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0').toUpperCase();
}
