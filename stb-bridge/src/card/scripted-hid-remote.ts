// A simulated remote control for tests (no real HID device exists here): the device side of the HID
// protocol in front of an in-process card, with switches to misbehave (stay mute, pull the card
// mid-command, garble a fragment). Records every report the host sends.
import { EventEmitter } from 'node:events';
import type { HidDevice, HidDeviceEvents } from './hid-device.ts';
import {
  decodeReport,
  encodeReport,
  fragmentMessage,
  MessageAssembler,
  RemoteErrorCode,
  type RemoteReport,
} from './hid-remote-protocol.ts';
import type { InProcessCard } from './virtual-reader.ts';

export type RemoteBehaviour = 'normal' | 'mute' | 'remove-mid-command' | 'skip-fragment';

export class ScriptedHidRemote extends EventEmitter<HidDeviceEvents> implements HidDevice {
  /** Reports the host wrote, decoded. */
  readonly received: RemoteReport[] = [];
  /** APDUs that reached the card. */
  readonly commands: Uint8Array[] = [];
  behaviour: RemoteBehaviour = 'normal';
  closed = false;
  private card: InProcessCard | undefined;
  private assembler: MessageAssembler | undefined;

  insert(card: InProcessCard): void {
    this.card = card;
    card.reset();
    this.reply({ type: 'card', present: true, atr: card.atr });
  }

  remove(): void {
    this.card = undefined;
    this.reply({ type: 'card', present: false, atr: new Uint8Array(0) });
  }

  pressKey(code: number, action = 1): void {
    this.reply({ type: 'key', code, action });
  }

  /** Sends a raw report to the host. */
  inject(report: RemoteReport): void {
    this.reply(report);
  }

  unplug(): void {
    this.emit('error', new Error('device unplugged'));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('device closed');
    const report = decodeReport(bytes);
    this.received.push(report);
    switch (report.type) {
      case 'hello':
      case 'reset':
        if (report.type === 'reset') this.card?.reset();
        this.reply(
          this.card
            ? { type: 'card', present: true, atr: this.card.atr }
            : { type: 'card', present: false, atr: new Uint8Array(0) },
        );
        return;
      case 'abort':
        this.assembler = undefined;
        return;
      case 'command': {
        if (report.sequence === 0) this.assembler = new MessageAssembler(report.exchange);
        const apdu = this.assembler?.push(report);
        if (apdu) this.answer(report.exchange, apdu);
        return;
      }
      default:
        return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private answer(exchange: number, apdu: Uint8Array): void {
    this.assembler = undefined;
    if (!this.card) {
      this.reply({ type: 'error', exchange, code: RemoteErrorCode.NO_CARD });
      return;
    }
    if (this.behaviour === 'mute') return;
    if (this.behaviour === 'remove-mid-command') {
      this.remove();
      this.reply({ type: 'error', exchange, code: RemoteErrorCode.CARD_REMOVED });
      return;
    }
    this.commands.push(apdu);
    const fragments = fragmentMessage('response', exchange, this.card.transmit(apdu));
    if (this.behaviour === 'skip-fragment' && fragments.length > 1) fragments.splice(1, 1);
    for (const fragment of fragments) this.emitLater(fragment);
  }

  private reply(report: RemoteReport): void {
    this.emitLater(encodeReport(report));
  }

  /** Input reports arrive asynchronously, as from a USB interrupt endpoint. */
  private emitLater(bytes: Uint8Array): void {
    setImmediate(() => this.emit('data', bytes));
  }
}
