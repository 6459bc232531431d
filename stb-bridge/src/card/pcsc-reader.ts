// Card readers through PC/SC (pcscd) with the optional `pcsclite` addon: reader and card events,
// sessions with a timeout, and recovery when pcscd restarts (reconnect to the service, announce the
// readers again). The addon is loaded on demand, since the embedded default runs without PC/SC.
import type { EventEmitter } from 'node:events';
import { CardError } from './card-error.ts';
import {
  type CardConnection,
  type CardPresence,
  CardReaderBase,
  type ConnectOptions,
} from './card-reader.ts';
import { type NativeReader, PcscConnection, withTimeout } from './pcsc-connection.ts';
import { cardErrorFromPcsc } from './pcsc-errors.ts';

/** The part of the addon's PCSCLite service object this driver uses. */
interface NativeService extends EventEmitter {
  close(): void;
}
type PcscFactory = () => NativeService;

export interface PcscReaderOptions {
  /** How often to try reaching pcscd again while it is down. Default 500 ms. */
  reconnectIntervalMs?: number;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Loads the addon, or fails with `card.no-pcsc` saying why. */
async function loadPcsclite(): Promise<PcscFactory> {
  try {
    const module = (await import('pcsclite')) as unknown as { default: PcscFactory };
    return module.default;
  } catch (error) {
    throw new CardError(
      'card.no-pcsc',
      'the PC/SC addon (pcsclite) cannot be loaded; run scripts/setup-system',
      {
        cause: error,
      },
    );
  }
}

export class PcscReader extends CardReaderBase {
  private service: NativeService | undefined;
  private serviceError: unknown;
  private readonly natives = new Map<string, NativeReader>();
  /** Card event counter (upper 16 bits of the PC/SC state) of each reader's present card. */
  private readonly cardEvents = new Map<string, number>();
  private readonly connections = new Set<PcscConnection>();
  private retryTimer: NodeJS.Timeout | undefined;

  /** Opens PC/SC; when pcscd is not (yet) running it keeps trying in the background. */
  static async open(options: PcscReaderOptions = {}): Promise<PcscReader> {
    return new PcscReader(await loadPcsclite(), options);
  }

  private constructor(
    private readonly pcsc: PcscFactory,
    private readonly options: PcscReaderOptions,
  ) {
    super();
    this.startService();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    await Promise.all([...this.connections].map((c) => c.disconnect()));
    this.stopService();
  }

  protected override noReaderError(): CardError {
    if (this.service) return super.noReaderError();
    return new CardError('card.no-pcsc', 'the PC/SC service (pcscd) is not reachable', {
      cause: this.serviceError,
    });
  }

  protected async openConnection(presence: CardPresence, options: ConnectOptions): Promise<CardConnection> {
    const native = this.natives.get(presence.reader);
    if (!native) throw new CardError('card.no-reader', `reader "${presence.reader}" is gone`);
    if ([...this.connections].some((c) => c.open && c.reader === presence.reader)) {
      throw new CardError(
        'card.transport',
        `the card in "${presence.reader}" is already connected; disconnect first`,
      );
    }
    // A session that ended without a clean SCardDisconnect leaves the flag set and the addon would reuse it.
    native.connected = false;
    const protocol = await withTimeout(
      new Promise<number>((resolve, reject) =>
        native.connect(
          {
            share_mode: native.SCARD_SHARE_EXCLUSIVE,
            protocol: native.SCARD_PROTOCOL_T0 | native.SCARD_PROTOCOL_T1,
          },
          (error, value) => (error ? reject(cardErrorFromPcsc(error, 'connect')) : resolve(value)),
        ),
      ),
      options.timeoutMs ?? CONNECT_TIMEOUT_MS,
    );
    const connection = new PcscConnection(native, protocol, presence.atr, (c) => this.connections.delete(c));
    this.connections.add(connection);
    return connection;
  }

  private startService(): void {
    this.retryTimer = undefined;
    if (this.closed) return;
    let service: NativeService;
    try {
      service = this.pcsc(); // throws at once when pcscd is not running
    } catch (error) {
      this.serviceError = error;
      this.scheduleRestart();
      return;
    }
    this.service = service;
    this.serviceError = undefined;
    // The addon reports a broken service (pcscd stopped) here, and a cancelled one after close.
    service.on('error', (error: unknown) => {
      if (service === this.service) this.serviceLost(error);
    });
    service.on('reader', (native: NativeReader) => this.attach(service, native));
  }

  private serviceLost(error: unknown): void {
    this.serviceError = error;
    const lost = cardErrorFromPcsc(error, 'service');
    for (const connection of this.connections) connection.lost(lost);
    // Not from inside the addon's callback: closing joins threads that hold locks the callback runs under.
    setImmediate(() => {
      this.stopService();
      this.scheduleRestart();
    });
  }

  private stopService(): void {
    const service = this.service;
    this.service = undefined;
    for (const [name, native] of this.natives) {
      this.natives.delete(name);
      this.cardEvents.delete(name);
      native.close();
      this.withdrawReader(name);
    }
    service?.close();
  }

  private scheduleRestart(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => this.startService(), this.options.reconnectIntervalMs ?? 500);
  }

  private attach(service: NativeService, native: NativeReader): void {
    const name = native.name;
    native.on('error', () => {
      // The reader's watcher stopped (pcscd went away or the reader was unplugged); `end` follows.
    });
    native.on('end', () => {
      if (this.natives.get(name) !== native) return;
      this.natives.delete(name);
      const gone = new CardError('card.no-reader', `reader "${name}" was disconnected`);
      for (const c of this.connections) if (c.reader === name) c.lost(gone);
      this.withdrawReader(name);
    });
    native.on('status', (status: { state: number; atr?: Buffer }) => {
      if (service === this.service) this.onStatus(native, status.state, status.atr);
    });
    this.natives.set(name, native);
    this.announceReader(name);
  }

  private onStatus(native: NativeReader, state: number, atr: Buffer | undefined): void {
    const name = native.name;
    const present = (state & native.SCARD_STATE_PRESENT) !== 0 && (state & native.SCARD_STATE_MUTE) === 0;
    const events = state >>> 16;
    const known = this.cardEvents.get(name);
    if (known !== undefined && (!present || events !== known)) {
      // Gone, or pulled and put back between two reports (the event counter moved).
      this.cardEvents.delete(name);
      for (const c of this.connections) if (c.reader === name) c.cardRemoved();
      this.cardRemoved(name);
    }
    if (present && !this.cardEvents.has(name) && atr && atr.length > 0) {
      this.cardEvents.set(name, events);
      this.cardInserted(name, new Uint8Array(atr));
    }
  }
}
