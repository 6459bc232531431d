// Puts a card into a vsmartcard vpcd reader: connects to vpcd as its TCP client and answers vpcd's
// control messages and APDUs (jpki spec §7). Card inserted = connected; removed = socket closed.
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { VirtualCardError } from './virtual-card-error.ts';
import { encodeVpcdFrame, VpcdControl, VpcdFrameReader } from './vpcd-framing.ts';

/** What vpcd needs of a card; VirtualJpkiCard is one. */
export interface VpcdCard {
  readonly atr: Uint8Array;
  transmit(command: Uint8Array): Uint8Array;
  reset(): void;
}

export const DEFAULT_VPCD_PORT = 35963;

export interface VpcdLinkOptions {
  card: VpcdCard;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 35963 (vpcd slot 0). */
  port?: number;
  /** First reconnect delay after vpcd refused or dropped us, doubled up to `maxRetryDelayMs`. Default 100. */
  retryDelayMs?: number;
  /** Default 2000. */
  maxRetryDelayMs?: number;
}

export interface VpcdLinkEvents {
  /** vpcd accepted the connection: the reader now sees a card. */
  connected: [];
  /** The connection ended; `error` is what broke it (none when removed on purpose). */
  disconnected: [error: Error | undefined];
  /** A connection attempt failed (vpcd not listening yet); the next one follows after `delayMs`. */
  retrying: [error: Error, delayMs: number];
  /** vpcd powered the card on or off, or reset it (APDUs are never reported: VERIFY carries a PIN). */
  power: [change: 'on' | 'off' | 'reset'];
}

export class VpcdLink extends EventEmitter<VpcdLinkEvents> {
  #card: VpcdCard;
  readonly #host: string;
  readonly #port: number;
  readonly #minDelay: number;
  readonly #maxDelay: number;
  #delay: number;
  #inserted = false;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: VpcdLinkOptions) {
    super();
    this.#card = options.card;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? DEFAULT_VPCD_PORT;
    this.#minDelay = options.retryDelayMs ?? 100;
    this.#maxDelay = options.maxRetryDelayMs ?? 2000;
    this.#delay = this.#minDelay;
  }

  get card(): VpcdCard {
    return this.#card;
  }

  get inserted(): boolean {
    return this.#inserted;
  }

  /** True while vpcd holds our connection. */
  get connected(): boolean {
    return this.#socket?.readyState === 'open';
  }

  /** Inserts the card (optionally a different one): connects now and keeps reconnecting until removed. */
  insert(card?: VpcdCard): void {
    if (this.#inserted) {
      if (card === undefined || card === this.#card) return;
      throw new VirtualCardError(
        'virtual-card.already-inserted',
        'remove the inserted card before inserting another',
      );
    }
    if (card !== undefined) this.#card = card;
    this.#inserted = true;
    this.#delay = this.#minDelay;
    this.#connect();
  }

  /** Removes the card: closes the connection (the reader reports no card) and stops reconnecting. */
  async remove(): Promise<void> {
    this.#inserted = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const socket = this.#socket;
    if (socket === undefined || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  #connect(): void {
    this.#timer = undefined;
    const reader = new VpcdFrameReader();
    const socket = connect({ host: this.#host, port: this.#port, noDelay: true });
    this.#socket = socket;
    let failure: Error | undefined;
    let opened = false;
    socket.on('connect', () => {
      opened = true;
      this.#delay = this.#minDelay;
      this.emit('connected');
    });
    socket.on('data', (chunk) => {
      try {
        for (const frame of reader.push(chunk)) this.#answer(socket, frame);
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    socket.on('error', (err) => {
      failure = err;
    });
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      if (opened) {
        this.emit(
          'disconnected',
          this.#inserted ? (failure ?? new Error('vpcd closed the connection')) : undefined,
        );
      }
      if (!this.#inserted) return;
      const delay = this.#delay;
      this.#delay = Math.min(this.#delay * 2, this.#maxDelay);
      if (!opened) this.emit('retrying', failure ?? new Error('connection failed'), delay);
      this.#timer = setTimeout(() => this.#connect(), delay);
    });
  }

  #answer(socket: Socket, frame: Uint8Array): void {
    if (frame.length === 1) {
      switch (frame[0]) {
        case VpcdControl.GET_ATR:
          socket.write(encodeVpcdFrame(this.#card.atr));
          return;
        case VpcdControl.POWER_ON:
        case VpcdControl.POWER_OFF:
        case VpcdControl.RESET:
          this.#card.reset();
          this.emit(
            'power',
            frame[0] === VpcdControl.POWER_ON ? 'on' : frame[0] === VpcdControl.POWER_OFF ? 'off' : 'reset',
          );
          return;
        default:
          return; // unknown control byte: vpcd expects no reply
      }
    }
    if (frame.length === 0) return;
    socket.write(encodeVpcdFrame(this.#card.transmit(frame)));
  }
}
