// Certificate serial numbers: random 64-bit positive integers, kept as upper-case hex in the data folder.
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';

export function newSerialHex(): string {
  const bytes = randomBytes(8);
  // Top bit clear keeps the INTEGER positive without a 00 pad; a non-zero first byte keeps it 8 bytes.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

export function serialInteger(serialHex: string): asn1js.Integer {
  return new asn1js.Integer({ valueHex: Buffer.from(serialHex, 'hex') });
}

/** Upper-case hex of an INTEGER's magnitude, leading zero bytes dropped, for lookups. */
export function serialHexOf(serial: asn1js.Integer): string {
  return Buffer.from(serial.valueBlock.valueHexView)
    .toString('hex')
    .toUpperCase()
    .replace(/^(00)+(?=.)/, '');
}
