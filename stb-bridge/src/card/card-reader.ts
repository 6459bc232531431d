// The card reader interface every driver (PC/SC, in-process virtual card, HID remote) implements, and
// the base class that keeps reader/card state, raises the events and puts the forbidden-AID guard in
// front of every connection, so no driver and no caller can send a command around it.
import { EventEmitter } from 'node:events';
import { CardError } from './card-error.ts';
import { guardConnection } from './forbidden-aid-guard.ts';

/** Long enough for an RSA-2048 signature on a slow contactless card; short enough not to hang a screen. */
export const DEFAULT_TRANSMIT_TIMEOUT_MS = 10_000;

export interface TransmitOptions {
  /** Give up (error `card.timeout`) when the card has not answered after this long. */
  timeoutMs?: number;
}

/** An open session with the card in one reader. */
export interface CardConnection {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** Sends one command APDU, resolves with the response APDU (data and status word). */
  transmit(apdu: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Ends the session; the card is powered down, which clears any verified PIN. */
  disconnect(): Promise<void>;
}

export interface ReaderState {
  name: string;
  /** The card's ATR while a card is present. */
  atr: Uint8Array | undefined;
}

export interface CardPresence {
  reader: string;
  atr: Uint8Array;
}

export interface CardReaderEvents {
  'reader-added': [name: string];
  'reader-removed': [name: string];
  'card-inserted': [presence: CardPresence];
  'card-removed': [event: { reader: string }];
}

export interface ConnectOptions {
  /** Reader name, exact or a case-insensitive part of it; default: the first reader holding a card. */
  reader?: string;
  timeoutMs?: number;
}

export interface WaitForCardOptions {
  reader?: string;
  /** How long to wait for a reader and a card; 0 only looks at the present state. */
  timeoutMs?: number;
}

export interface CardReader extends EventEmitter<CardReaderEvents> {
  /** Readers known now, with their card's ATR when one is present. */
  readers(): ReaderState[];
  /** Resolves when a card is present (at once if one already is). */
  waitForCard(options?: WaitForCardOptions): Promise<CardPresence>;
  /** Connects to the card; every command then passes the forbidden-AID guard. */
  connect(options?: ConnectOptions): Promise<CardConnection>;
  /** Releases the reader; pending commands fail with `card.closed`. */
  close(): Promise<void>;
}

export abstract class CardReaderBase extends EventEmitter<CardReaderEvents> implements CardReader {
  private readonly states = new Map<string, ReaderState>();
  protected closed = false;

  readers(): ReaderState[] {
    return [...this.states.values()].map((s) => ({ ...s }));
  }

  async connect(options: ConnectOptions = {}): Promise<CardConnection> {
    if (this.closed) throw new CardError('card.closed', 'the reader is closed');
    const presence = this.findCard(options.reader);
    return guardConnection(await this.openConnection(presence, options));
  }

  waitForCard(options: WaitForCardOptions = {}): Promise<CardPresence> {
    try {
      return Promise.resolve(this.findCard(options.reader));
    } catch (error) {
      if (!options.timeoutMs || this.closed) return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const onChange = () => {
        try {
          const found = this.findCard(options.reader);
          done();
          resolve(found);
        } catch {
          // not yet: keep waiting
        }
      };
      const timer = setTimeout(() => {
        done();
        try {
          resolve(this.findCard(options.reader));
        } catch (error) {
          reject(error);
        }
      }, options.timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.off('card-inserted', onChange);
        this.off('reader-added', onChange);
      };
      this.on('card-inserted', onChange);
      this.on('reader-added', onChange);
    });
  }

  abstract close(): Promise<void>;

  /** Opens the driver's raw connection; the base class wraps it with the guard. */
  protected abstract openConnection(presence: CardPresence, options: ConnectOptions): Promise<CardConnection>;

  /** A hint for the error when no reader is found (e.g. the PC/SC service is down). */
  protected noReaderError(): CardError {
    return new CardError('card.no-reader', 'no card reader is attached');
  }

  protected announceReader(name: string): void {
    if (this.states.has(name)) return;
    this.states.set(name, { name, atr: undefined });
    this.emit('reader-added', name);
  }

  protected withdrawReader(name: string): void {
    const state = this.states.get(name);
    if (!state) return;
    if (state.atr) this.cardRemoved(name);
    this.states.delete(name);
    this.emit('reader-removed', name);
  }

  protected cardInserted(reader: string, atr: Uint8Array): void {
    this.announceReader(reader);
    const state = this.states.get(reader) as ReaderState;
    if (state.atr) this.cardRemoved(reader);
    state.atr = Uint8Array.from(atr);
    this.emit('card-inserted', { reader, atr: Uint8Array.from(atr) });
  }

  protected cardRemoved(reader: string): void {
    const state = this.states.get(reader);
    if (!state?.atr) return;
    state.atr = undefined;
    this.emit('card-removed', { reader });
  }

  private findCard(wanted: string | undefined): CardPresence {
    const all = [...this.states.values()];
    const candidates = wanted === undefined ? all : matchReader(all, wanted);
    if (candidates.length === 0) {
      if (wanted === undefined) throw this.noReaderError();
      throw new CardError('card.no-reader', `no reader named "${wanted}" (have: ${names(all)})`);
    }
    const withCard = candidates.find((s) => s.atr !== undefined);
    if (!withCard?.atr) throw new CardError('card.absent', `no card in ${names(candidates)}`);
    return { reader: withCard.name, atr: Uint8Array.from(withCard.atr) };
  }
}

function matchReader(states: ReaderState[], wanted: string): ReaderState[] {
  const exact = states.filter((s) => s.name === wanted);
  if (exact.length > 0) return exact;
  const lower = wanted.toLowerCase();
  return states.filter((s) => s.name.toLowerCase().includes(lower));
}

function names(states: ReaderState[]): string {
  return states.length === 0 ? 'none' : states.map((s) => `"${s.name}"`).join(', ');
}
