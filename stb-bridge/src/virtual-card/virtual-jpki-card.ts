// A software My Number Card answering ISO 7816-4 APDUs the way the JPKI AP does (jpki spec §1–§3).
// Decisions where the spec is UNCONFIRMED (spec §9) are noted at the rule; see README.md beside this file.
import { constants, privateEncrypt, timingSafeEqual } from 'node:crypto';
import { type CommandApdu, parseCommand } from '../apdu/command-apdu.ts';
import { encodeResponse, type ResponseApdu } from '../apdu/response-apdu.ts';
import { SW } from '../apdu/status-words.ts';
import { FORBIDDEN_AIDS, JPKI_AID, MAX_TRIES } from '../jpki/card-ids.ts';
import { JPKI_CONTACT_ATR, type PinPurpose, type VirtualCardContents } from './card-contents.ts';
import { buildJpkiFiles, type JpkiFile } from './jpki-files.ts';
import { createMemoryPinCounterStore, type PinCounterStore, type TriesLeft } from './pin-counter-store.ts';

export interface VirtualJpkiCardOptions {
  contents: VirtualCardContents;
  /** Where retry counters persist; default: memory only. */
  pinCounters?: PinCounterStore;
  /** Default: the contact ATR `3B E0 00 FF 81 31 FE 45 14`. */
  atr?: Uint8Array;
}

const INS = { SELECT: 0xa4, READ_BINARY: 0xb0, VERIFY: 0x20, COMPUTE_DIGITAL_SIGNATURE: 0x2a } as const;
/** P2 of VERIFY / COMPUTE DIGITAL SIGNATURE: 80 = current EF, 80|SFI = that EF. */
const P2_CURRENT_EF = 0x80;
/** PKCS#1 v1.5 type-1 padding of a 2048-bit modulus leaves room for 256 − 11 bytes. */
const MAX_SIGN_INPUT = 245;
/** GlobalPlatform Issuer Security Domain: the current application after power-on. */
const ISD_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00]);
/** Not in SW: the card's "no precise diagnosis", only for a fault inside the emulator. */
const SW_NO_PRECISE_DIAGNOSIS = 0x6f00;

const status = (sw: number): ResponseApdu => ({ data: new Uint8Array(0), sw });
const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);

export class VirtualJpkiCard {
  readonly atr: Uint8Array;
  readonly holderId: string;
  readonly #files: ReadonlyMap<number, JpkiFile>;
  readonly #secrets: Record<PinPurpose, string>;
  readonly #store: PinCounterStore;
  readonly #triesLeft: TriesLeft;
  #jpkiSelected = false;
  #currentEf: number | undefined;
  readonly #verified = new Set<PinPurpose>();

  constructor(options: VirtualJpkiCardOptions) {
    this.atr = Uint8Array.from(options.atr ?? JPKI_CONTACT_ATR);
    this.holderId = options.contents.holderId;
    this.#files = buildJpkiFiles(options.contents);
    this.#secrets = { ...options.contents.secrets };
    this.#store = options.pinCounters ?? createMemoryPinCounterStore();
    this.#triesLeft = this.#store.load(this.holderId);
  }

  /** Answers one command APDU with a response APDU (data ‖ SW1 SW2); never throws. */
  transmit(command: Uint8Array): Uint8Array {
    try {
      return encodeResponse(this.#answer(command));
    } catch {
      return encodeResponse(status(SW_NO_PRECISE_DIAGNOSIS));
    }
  }

  /** Power cycle / warm reset: back to the ISD, security state cleared; retry counters stay. */
  reset(): void {
    this.#jpkiSelected = false;
    this.#currentEf = undefined;
    this.#verified.clear();
  }

  /** Tries left per secret (what the no-data VERIFY reports). */
  triesLeft(): Readonly<TriesLeft> {
    return { ...this.#triesLeft };
  }

  #answer(bytes: Uint8Array): ResponseApdu {
    let cmd: CommandApdu;
    try {
      cmd = parseCommand(bytes);
    } catch {
      return status(SW.WRONG_LENGTH);
    }
    const claError = checkClass(cmd);
    if (claError !== undefined) return status(claError);
    const proprietary = (cmd.cla & 0x80) !== 0;
    switch (cmd.ins) {
      case INS.SELECT:
        return proprietary ? status(SW.CLA_NOT_SUPPORTED) : this.#select(cmd);
      case INS.READ_BINARY:
        return proprietary ? status(SW.CLA_NOT_SUPPORTED) : this.#readBinary(cmd);
      case INS.VERIFY:
        return proprietary ? status(SW.CLA_NOT_SUPPORTED) : this.#verify(cmd);
      case INS.COMPUTE_DIGITAL_SIGNATURE:
        return proprietary ? this.#sign(cmd) : status(SW.CLA_NOT_SUPPORTED);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  #select({ p1, p2, data, le }: CommandApdu): ResponseApdu {
    if (p1 === 0x04) return this.#selectAp(p2, data);
    if (p1 === 0x02) {
      if (p2 !== 0x0c) return status(SW.INCORRECT_P1P2);
      if (data?.length !== 2 || le !== undefined) return status(SW.WRONG_LENGTH);
      const fid = ((data[0] as number) << 8) | (data[1] as number);
      if (!this.#jpkiSelected || !this.#files.has(fid)) return status(SW.FILE_NOT_FOUND);
      this.#currentEf = fid;
      return status(SW.OK);
    }
    // No usable ISO MF: `00 A4 00 00` (MF) → 6A86, by FID (e.g. 3F00) → 6A82 (spec §1.1).
    if (p1 === 0x00 && data !== undefined) return status(SW.FILE_NOT_FOUND);
    return status(SW.INCORRECT_P1P2);
  }

  /** P2 0C: no response data. P2 00 (FCI wanted, UNCONFIRMED content): a minimal FCI `6F 0C 84 0A <AID>`. */
  #selectAp(p2: number, aid: Uint8Array | undefined): ResponseApdu {
    if (p2 !== 0x0c && p2 !== 0x00) return status(SW.INCORRECT_P1P2);
    if (aid === undefined) return status(SW.WRONG_LENGTH);
    // The My Number APs are answered as absent (privacy rule, spec §1.3), like every unknown AID.
    if (FORBIDDEN_AIDS.some((forbidden) => equal(forbidden, aid))) return status(SW.FILE_NOT_FOUND);
    const isJpki = equal(aid, JPKI_AID);
    if (!isJpki && !equal(aid, ISD_AID)) return status(SW.FILE_NOT_FOUND);
    // Selecting an application (even the JPKI AP again) logs out: OpenSC's jpki logout relies on it.
    this.reset();
    this.#jpkiSelected = isJpki;
    if (p2 === 0x0c) return status(SW.OK);
    return { data: Uint8Array.from([0x6f, aid.length + 2, 0x84, aid.length, ...aid]), sw: SW.OK };
  }

  #readBinary({ p1, p2, data, le }: CommandApdu): ResponseApdu {
    if (data !== undefined || le === undefined) return status(SW.WRONG_LENGTH);
    let offset: number;
    if (p1 & 0x80) {
      if (p1 & 0x60) return status(SW.INCORRECT_P1P2);
      const found = this.#selectBySfi(p1 & 0x1f);
      if (found !== SW.OK) return status(found);
      offset = p2;
    } else {
      if (this.#currentEf === undefined) return status(SW.NO_CURRENT_EF);
      offset = (p1 << 8) | p2;
    }
    const file = this.#files.get(this.#currentEf as number) as JpkiFile;
    // READ on an internal EF: 6981 assumed (spec §9.2).
    if (file.kind !== 'binary') return status(SW.INCOMPATIBLE_FILE_STRUCTURE);
    if (file.readNeeds && !this.#verified.has(file.readNeeds))
      return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    // JICSAP end of file: no byte at the offset → 6B00; fewer bytes than Le → what is there, with 9000.
    if (offset >= file.data.length) return status(SW.WRONG_P1P2_OFFSET);
    return { data: file.data.slice(offset, offset + le), sw: SW.OK };
  }

  #verify({ p1, p2, data, le }: CommandApdu): ResponseApdu {
    if (p1 !== 0x00) return status(SW.INCORRECT_P1P2);
    if (le !== undefined) return status(SW.WRONG_LENGTH);
    const target = this.#targetOf(p2, 'pin');
    if (typeof target === 'number') return status(target);
    const { purpose } = target;
    const left = this.#triesLeft[purpose];
    // Tries query (no data): never uses a try and answers 63Cx even when verified, since OpenSC fails
    // its whole bind on any other SW1 (spec §2.4); a blocked secret reports 63C0.
    if (data === undefined) return status(SW.TRIES_LEFT_BASE | left);
    if (left === 0) return status(SW.AUTH_METHOD_BLOCKED);
    const secret = Buffer.from(this.#secrets[purpose], 'ascii');
    const correct = data.length === secret.length && timingSafeEqual(data, secret);
    // Persist before answering, as a card writes its counter before it compares.
    this.#setTriesLeft(purpose, correct ? MAX_TRIES[purpose] : left - 1);
    if (correct) {
      this.#verified.add(purpose);
      return status(SW.OK);
    }
    this.#verified.delete(purpose);
    return status(SW.TRIES_LEFT_BASE | (left - 1));
  }

  /** P1 00 only (what OpenSC and jpki/myna send); the probed schemes 01–05 are UNCONFIRMED → 6A86. */
  #sign({ p1, p2, data, le }: CommandApdu): ResponseApdu {
    if (p1 !== 0x00) return status(SW.INCORRECT_P1P2);
    const target = this.#targetOf(p2, 'key');
    if (typeof target === 'number') return status(target);
    if (!this.#verified.has(target.purpose)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (data === undefined || (le !== undefined && le < 256)) return status(SW.WRONG_LENGTH);
    if (data.length > MAX_SIGN_INPUT) return status(SW.CONDITIONS_NOT_SATISFIED);
    const signature = privateEncrypt({ key: target.key, padding: constants.RSA_PKCS1_PADDING }, data);
    return { data: new Uint8Array(signature), sw: SW.OK };
  }

  /** The key or PIN EF named by P2 (80 = current EF, 80|SFI), or the status word refusing it. */
  #targetOf<K extends 'pin' | 'key'>(p2: number, kind: K): Extract<JpkiFile, { kind: K }> | number {
    if ((p2 & 0xe0) !== P2_CURRENT_EF) return SW.INCORRECT_P1P2;
    const sfi = p2 & 0x1f;
    let fid = this.#currentEf;
    if (sfi !== 0) {
      if (!this.#jpkiSelected || !this.#files.has(sfi)) return SW.FILE_NOT_FOUND;
      fid = sfi;
    }
    if (fid === undefined) return SW.NO_CURRENT_EF;
    const file = this.#files.get(fid) as JpkiFile;
    return file.kind === kind ? (file as Extract<JpkiFile, { kind: K }>) : SW.INCOMPATIBLE_FILE_STRUCTURE;
  }

  /** READ BINARY by SFI also makes that EF current. JPKI FIDs are 0001–001E, so FID = SFI. */
  #selectBySfi(sfi: number): number {
    if (sfi === 0 || !this.#jpkiSelected || !this.#files.has(sfi)) return SW.FILE_NOT_FOUND;
    this.#currentEf = sfi;
    return SW.OK;
  }

  #setTriesLeft(purpose: PinPurpose, left: number): void {
    const next = { ...this.#triesLeft, [purpose]: left };
    this.#store.save(this.holderId, next);
    this.#triesLeft[purpose] = left;
  }
}

/**
 * Only logical channel 0 and no secure messaging (spec §1.1): channel ≠ 0 → 6881; SM bits → 6882 on
 * SELECT, 69FC otherwise; any other CLA but 00 / 80 (e.g. chaining, FF) → 6E00.
 */
function checkClass({ cla, ins }: CommandApdu): number | undefined {
  if (cla === 0xff) return SW.CLA_NOT_SUPPORTED;
  if ((cla & 0x40) !== 0 || (cla & 0x03) !== 0) return SW.CHANNEL_NOT_SUPPORTED;
  if ((cla & 0x0c) !== 0) return ins === INS.SELECT ? SW.SECURE_MESSAGING_NOT_SUPPORTED : SW.SM_DATA_MISSING;
  if ((cla & 0x7f) !== 0) return SW.CLA_NOT_SUPPORTED;
  return undefined;
}
