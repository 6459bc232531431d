// The remote control with a built-in card reader, over HID (protocol in docs/hid-remote-protocol.md):
// card presence and APDU exchanges as a CardReader, key presses on `keys` for the rest of the bridge.
import { EventEmitter } from 'node:events';
import { CardError } from './card-error.ts';
import {
  type CardConnection,
  type CardPresence,
  CardReaderBase,
  DEFAULT_TRANSMIT_TIMEOUT_MS,
} from './card-reader.ts';
import { type HidDevice, type OpenHidDeviceOptions, openHidDevice } from './hid-device.ts';
import {
  decodeReport,
  encodeReport,
  type Fragment,
  fragmentMessage,
  MessageAssembler,
  PROTOCOL_VERSION,
  RemoteErrorCode,
  type RemoteReport,
} from './hid-remote-protocol.ts';
import { KEY_ACTIONS, type RemoteKeyEvent, remoteKeyOf } from './remote-keys.ts';

export const HID_REMOTE_READER_NAME = 'Myna TV remote';

interface Exchange {
  assembler: MessageAssembler;
  resolve(response: Uint8Array): void;
  reject(error: CardError): void;
}

const ERROR_OF: Record<number, [CardError['code'], string]> = {
  [RemoteErrorCode.NO_CARD]: ['card.absent', 'no card in the remote'],
  [RemoteErrorCode.CARD_REMOVED]: ['card.removed', 'the card was removed during the command'],
  [RemoteErrorCode.CARD_MUTE]: ['card.timeout', 'the card did not answer the remote'],
};

export class HidRemoteReader extends CardReaderBase {
  /** Key presses of the remote, for the TV app and watch-over (counts only). */
  readonly keys = new EventEmitter<{ key: [RemoteKeyEvent] }>();
  readonly name: string;
  private exchange: (Exchange & { id: number }) | undefined;
  private lastId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped on every insertion and removal, so a connection to an earlier card knows it is gone. */
  private generation = 0;
  private atr: Uint8Array | undefined;

  /** Opens the remote through node-hid. */
  static async open(options: OpenHidDeviceOptions & { name?: string }): Promise<HidRemoteReader> {
    return new HidRemoteReader(await openHidDevice(options), options);
  }

  constructor(
    private readonly device: HidDevice,
    options: { name?: string } = {},
  ) {
    super();
    this.name = options.name ?? HID_REMOTE_READER_NAME;
    device.on('data', (report) => this.onReport(report));
    device.on('error', (error) => this.deviceLost(error));
    this.announceReader(this.name);
    // The device answers with its card state, so a card inserted before we started is seen too.
    this.send({ type: 'hello', version: PROTOCOL_VERSION }).catch((error: unknown) => this.deviceLost(error));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failExchange(new CardError('card.closed', 'the reader is closed'));
    this.withdrawReader(this.name);
    await this.device.close();
  }

  protected async openConnection(presence: CardPresence): Promise<CardConnection> {
    const generation = this.generation;
    let open = true;
    const usable = () => {
      if (!open || this.closed) throw new CardError('card.closed', 'the connection is closed');
      if (this.generation !== generation) throw new CardError('card.removed', 'the card was removed');
    };
    return {
      reader: presence.reader,
      atr: presence.atr,
      transmit: (apdu, options = {}) => {
        usable();
        return this.serialize(() => {
          usable();
          return this.transmit(apdu, options.timeoutMs ?? DEFAULT_TRANSMIT_TIMEOUT_MS);
        });
      },
      disconnect: async () => {
        if (!open) return;
        open = false;
        // A warm reset clears the verified PINs, as powering down does on PC/SC.
        if (this.generation === generation && !this.closed)
          await this.send({ type: 'reset' }).catch(() => {});
      },
    };
  }

  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transmit(apdu: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    const id = (this.lastId % 255) + 1;
    this.lastId = id;
    const response = new Promise<Uint8Array>((resolve, reject) => {
      this.exchange = { id, assembler: new MessageAssembler(id), resolve, reject };
    });
    const timer = setTimeout(() => {
      this.failExchange(new CardError('card.timeout', `the remote did not answer within ${timeoutMs} ms`));
      this.send({ type: 'abort', exchange: id }).catch(() => {});
    }, timeoutMs);
    try {
      for (const report of fragmentMessage('command', id, apdu)) await this.device.write(report);
    } catch (error) {
      this.failExchange(
        new CardError('card.transport', 'writing to the HID remote failed', { cause: error }),
      );
    }
    try {
      return await response;
    } finally {
      clearTimeout(timer);
    }
  }

  private send(report: RemoteReport): Promise<void> {
    return this.device.write(encodeReport(report));
  }

  private onReport(bytes: Uint8Array): void {
    let report: RemoteReport;
    try {
      report = decodeReport(bytes);
    } catch (error) {
      this.failExchange(error as CardError); // a garbled report may have been part of the answer
      return;
    }
    switch (report.type) {
      case 'card':
        this.onCard(report.present ? report.atr : undefined);
        return;
      case 'key': {
        const key = remoteKeyOf(report.code);
        const action = KEY_ACTIONS[report.action];
        if (key && action) this.keys.emit('key', { key, action });
        return;
      }
      case 'response':
        this.onFragment(report);
        return;
      case 'error':
        if (report.exchange === 0 || report.exchange === this.exchange?.id) {
          const [code, message] = ERROR_OF[report.code] ?? [
            'card.transport',
            `remote error 0x${report.code.toString(16)}`,
          ];
          this.failExchange(new CardError(code, message));
        }
        return;
      default:
        return; // host-to-device reports echoed back carry nothing for us
    }
  }

  /** Card state from the remote: on every change, and in answer to HELLO and RESET (then often unchanged). */
  private onCard(atr: Uint8Array | undefined): void {
    if (atr && this.atr && Buffer.from(atr).equals(this.atr)) return;
    if (!atr && !this.atr) return;
    this.atr = atr;
    this.generation += 1;
    if (atr) {
      this.cardInserted(this.name, atr);
      return;
    }
    this.failExchange(new CardError('card.removed', 'the card was removed during the command'));
    this.cardRemoved(this.name);
  }

  private onFragment(fragment: Fragment): void {
    const exchange = this.exchange;
    if (!exchange || fragment.exchange !== exchange.id) return; // late answer to an aborted exchange
    try {
      const message = exchange.assembler.push(fragment);
      if (message) {
        this.exchange = undefined;
        exchange.resolve(message);
      }
    } catch (error) {
      this.failExchange(error as CardError);
      this.send({ type: 'abort', exchange: exchange.id }).catch(() => {});
    }
  }

  private failExchange(error: CardError): void {
    const exchange = this.exchange;
    this.exchange = undefined;
    exchange?.reject(error);
  }

  private deviceLost(error: unknown): void {
    this.failExchange(
      new CardError('card.transport', 'the HID remote failed or was unplugged', { cause: error }),
    );
    this.generation += 1;
    this.atr = undefined;
    this.withdrawReader(this.name);
  }
}
