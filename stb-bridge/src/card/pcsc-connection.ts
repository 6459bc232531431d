// One PC/SC card session through the pcsclite addon: transmit with a timeout, and a clear
// `card.removed` when the card is pulled mid-command (vpcd then answers nothing or the call fails).
import type { EventEmitter } from 'node:events';
import { CardError, isCardError } from './card-error.ts';
import { type CardConnection, DEFAULT_TRANSMIT_TIMEOUT_MS, type TransmitOptions } from './card-reader.ts';
import { cardErrorFromPcsc } from './pcsc-errors.ts';

type Callback<T> = (error: unknown, value: T) => void;

/** The part of the addon's CardReader this driver uses (its typings do not export the type). */
export interface NativeReader extends EventEmitter {
  readonly name: string;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_UNPOWER_CARD: number;
  /** Set by the addon while it holds a card handle; it then skips SCardConnect. */
  connected: boolean;
  connect(options: { share_mode: number; protocol: number }, callback: Callback<number>): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(data: Buffer, responseLength: number, protocol: number, callback: Callback<Buffer>): void;
  close(): void;
}

/** Room for an extended-length response: 65536 data bytes and the status word. */
const MAX_RESPONSE = 65538;
/** pcscd polls a reader's card presence a few times a second; a pulled card shows within this. */
const REMOVAL_NOTICE_MS = 1_000;
const DISCONNECT_TIMEOUT_MS = 2_000;

type State = { kind: 'open' } | { kind: 'failed'; error: CardError };

export class PcscConnection implements CardConnection {
  private state: State = { kind: 'open' };
  private removed = false;
  private released = false;
  private readonly removalWaiters = new Set<() => void>();

  constructor(
    private readonly native: NativeReader,
    private readonly protocol: number,
    readonly atr: Uint8Array,
    private readonly onEnd: (connection: PcscConnection) => void,
  ) {}

  get reader(): string {
    return this.native.name;
  }

  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (this.state.kind === 'failed') throw this.state.error;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TRANSMIT_TIMEOUT_MS;
    let response: Buffer;
    try {
      response = await withTimeout(
        new Promise<Buffer>((resolve, reject) =>
          this.native.transmit(Buffer.from(apdu), MAX_RESPONSE, this.protocol, (e, r) =>
            e ? reject(e) : resolve(r),
          ),
        ),
        timeoutMs,
      );
    } catch (error) {
      if (isCardError(error, 'card.timeout')) {
        // The addon call is still pending and holds the reader: this session cannot be used again.
        this.fail(new CardError('card.timeout', `the card did not answer within ${timeoutMs} ms`));
        throw error;
      }
      throw await this.explain(cardErrorFromPcsc(error, 'transmit'));
    }
    if (response.length < 2) {
      throw await this.explain(new CardError('card.transport', 'the reader returned no status word'));
    }
    return new Uint8Array(response);
  }

  get open(): boolean {
    return this.state.kind === 'open';
  }

  async disconnect(): Promise<void> {
    if (this.state.kind === 'failed' && this.state.error.code === 'card.closed') return;
    this.fail(new CardError('card.closed', 'the connection is closed'));
    this.onEnd(this);
    await this.release();
  }

  /** The reader saw the card leave: this session is over, and its handle is given back at once. */
  cardRemoved(): void {
    this.removed = true;
    if (this.state.kind === 'open') this.fail(new CardError('card.removed', 'the card was removed'));
    for (const wake of this.removalWaiters) wake();
    void this.release();
  }

  /** The reader or the PC/SC service went away. */
  lost(error: CardError): void {
    if (this.state.kind === 'open') this.fail(error);
  }

  private fail(error: CardError): void {
    this.state = { kind: 'failed', error };
  }

  /**
   * Gives the card handle back (an exclusive one would keep the next session out), powering the card
   * down, which clears its verified PINs. Never waits long: a hung card must not hang us.
   */
  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await withTimeout(
      new Promise<void>((resolve) => this.native.disconnect(this.native.SCARD_UNPOWER_CARD, () => resolve())),
      DISCONNECT_TIMEOUT_MS,
    ).catch(() => undefined);
  }

  /** A failed command is `card.removed` if the reader reports the card gone shortly after. */
  private async explain(error: CardError): Promise<CardError> {
    if (error.code === 'card.removed' || this.removed || (await this.removalWithin(REMOVAL_NOTICE_MS))) {
      return new CardError('card.removed', 'the card was removed during the command', { cause: error });
    }
    return error;
  }

  private removalWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (removed: boolean) => {
        clearTimeout(timer);
        this.removalWaiters.delete(wake);
        resolve(removed);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.removalWaiters.add(wake);
    });
  }
}

/** Rejects with `card.timeout` when `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new CardError('card.timeout', `no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
