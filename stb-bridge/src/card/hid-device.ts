// The HID device under the remote's reader: 64-byte reports in and out. The real one is node-hid's
// HIDAsync (loaded on demand, like pcsclite); tests use a scripted device with the same shape.
import { EventEmitter } from 'node:events';
import { CardError } from './card-error.ts';

export interface HidDeviceEvents {
  /** One input report (without report ID). */
  data: [report: Uint8Array];
  /** The device failed or was unplugged. */
  error: [error: Error];
}

export interface HidDevice extends EventEmitter<HidDeviceEvents> {
  /** Sends one output report (without report ID). */
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type OpenHidDeviceOptions = { path: string } | { vendorId: number; productId: number };

interface NodeHidDevice extends EventEmitter {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}
interface NodeHid {
  HIDAsync: {
    open(path: string): Promise<NodeHidDevice>;
    open(vendorId: number, productId: number): Promise<NodeHidDevice>;
  };
}

/** Opens the remote through node-hid; `card.no-reader` when node-hid or the device is not there. */
export async function openHidDevice(options: OpenHidDeviceOptions): Promise<HidDevice> {
  let hid: NodeHid;
  try {
    hid = (await import('node-hid')) as unknown as NodeHid;
  } catch (error) {
    throw new CardError('card.no-reader', 'HID support (node-hid) cannot be loaded', { cause: error });
  }
  let native: NodeHidDevice;
  try {
    native =
      'path' in options
        ? await hid.HIDAsync.open(options.path)
        : await hid.HIDAsync.open(options.vendorId, options.productId);
  } catch (error) {
    throw new CardError('card.no-reader', 'the HID remote is not connected', { cause: error });
  }
  return new NodeHidAdapter(native);
}

class NodeHidAdapter extends EventEmitter<HidDeviceEvents> implements HidDevice {
  constructor(private readonly native: NodeHidDevice) {
    super();
    native.on('data', (data: Buffer) => this.emit('data', new Uint8Array(data)));
    native.on('error', (error: Error) => this.emit('error', error));
  }

  async write(report: Uint8Array): Promise<void> {
    // The remote uses no numbered reports: node-hid wants report ID 0 in front.
    await this.native.write(Buffer.concat([Buffer.of(0), report]));
  }

  close(): Promise<void> {
    return this.native.close();
  }
}
