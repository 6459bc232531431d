import { describe, expect, it } from 'vitest';
import { ApduError } from './apdu-error.ts';
import { encodeCommand, parseCommand } from './command-apdu.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('command APDU codec', () => {
  it('encodes the JPKI commands byte for byte', () => {
    const aid = hex('D392F000260100000001');
    expect(toHex(encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: aid }))).toBe(
      '00A4040C0AD392F000260100000001',
    );
    expect(toHex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }))).toBe('00B0000000');
    expect(toHex(encodeCommand({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 }))).toBe('00200080');
    expect(toHex(encodeCommand({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 65536 }))).toBe('00B08A00000000');
  });

  it('parses every case, short and extended, back to what was encoded', () => {
    const cases = [
      { cla: 0, ins: 0x20, p1: 0, p2: 0x80 },
      { cla: 0, ins: 0xb0, p1: 1, p2: 0, le: 256 },
      { cla: 0, ins: 0xb0, p1: 1, p2: 0, le: 4 },
      { cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: hex('31323334') },
      { cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: new Uint8Array(51).fill(7), le: 256 },
      { cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 65536 },
      { cla: 0, ins: 0xda, p1: 0, p2: 0, data: new Uint8Array(300).fill(1) },
      { cla: 0, ins: 0xda, p1: 0, p2: 0, data: new Uint8Array(300).fill(1), le: 1000 },
    ];
    for (const c of cases) expect(parseCommand(encodeCommand(c))).toEqual(c);
  });

  it('rejects bytes that are no APDU', () => {
    for (const bad of ['00A404', '00A4040C05D392', '00A4040C02AABBCCDD', '00B0000000AA', '00B000000001']) {
      expect(() => parseCommand(hex(bad)), bad).toThrow(ApduError);
    }
  });
});
