import { describe, expect, it } from 'vitest';
import {
  decodeReport,
  encodeReport,
  FRAGMENT_PAYLOAD,
  fragmentMessage,
  MAX_MESSAGE,
  MessageAssembler,
  REPORT_SIZE,
} from './hid-remote-protocol.ts';
import { REMOTE_KEY_CODES, remoteKeyOf } from './remote-keys.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
/** The documented bytes of a report, zero-padded to 64. */
const report = (head: string) => head.padEnd(REPORT_SIZE * 2, '0');

describe('HID remote report layout (docs/hid-remote-protocol.md)', () => {
  it('encodes every report type byte for byte', () => {
    expect(hex(encodeReport({ type: 'hello', version: 1 }))).toBe(report('0101'));
    expect(hex(encodeReport({ type: 'abort', exchange: 7 }))).toBe(report('0307'));
    expect(hex(encodeReport({ type: 'reset' }))).toBe(report('04'));
    const atr = Uint8Array.from(Buffer.from('3BE000FF8131FE4514', 'hex'));
    expect(hex(encodeReport({ type: 'card', present: true, atr }))).toBe(report('8101093BE000FF8131FE4514'));
    expect(hex(encodeReport({ type: 'card', present: false, atr: new Uint8Array(0) }))).toBe(report('81'));
    expect(hex(encodeReport({ type: 'key', code: REMOTE_KEY_CODES.red, action: 1 }))).toBe(report('832001'));
    expect(hex(encodeReport({ type: 'error', exchange: 3, code: 0x02 }))).toBe(report('8F0302'));
  });

  it('splits an APDU into 56-byte fragments with exchange, sequence, MORE flag and total length', () => {
    const apdu = Uint8Array.from({ length: 120 }, (_, i) => i);
    const reports = fragmentMessage('command', 9, apdu);
    expect(reports).toHaveLength(3);
    expect(hex(reports[0] as Uint8Array).slice(0, 16)).toBe('0209000100007838');
    expect(hex(reports[1] as Uint8Array).slice(0, 16)).toBe('0209010100007838');
    expect(hex(reports[2] as Uint8Array).slice(0, 16)).toBe('0209020000007808');
    expect((reports[2] as Uint8Array).subarray(8, 16)).toEqual(apdu.subarray(112));
    expect(reports.every((r) => r.length === REPORT_SIZE)).toBe(true);

    const assembler = new MessageAssembler(9);
    const parts = reports.map((r) => decodeReport(r));
    const results = parts.map((p) => (p.type === 'command' ? assembler.push(p) : 'wrong type'));
    expect(results.slice(0, 2)).toEqual([undefined, undefined]);
    expect(results[2]).toEqual(apdu);
  });

  it('carries the longest extended APDU, wrapping the sequence number', () => {
    const apdu = new Uint8Array(MAX_MESSAGE).fill(0x5a);
    const reports = fragmentMessage('response', 255, apdu);
    expect(reports).toHaveLength(Math.ceil(MAX_MESSAGE / FRAGMENT_PAYLOAD));
    const assembler = new MessageAssembler(255);
    let message: Uint8Array | undefined;
    for (const r of reports) {
      const fragment = decodeReport(r);
      if (fragment.type !== 'response') throw new Error('wrong type');
      message = assembler.push(fragment);
    }
    expect(Buffer.from(message as Uint8Array).equals(apdu)).toBe(true);
    expect(() => fragmentMessage('command', 1, new Uint8Array(MAX_MESSAGE + 1))).toThrow();
  });

  it('refuses a missing fragment, a short message and a changed total', () => {
    const [first, second, third] = fragmentMessage('response', 1, new Uint8Array(150)).map((r) =>
      decodeReport(r),
    );
    const gap = new MessageAssembler(1);
    gap.push(first as never);
    expect(() => gap.push(third as never)).toThrow(/fragment 2 arrived, 1 expected/);

    const short = new MessageAssembler(1);
    const last = { ...(first as { payload: Uint8Array }), more: false } as never;
    expect(() => short.push(last)).toThrow(/56 bytes received for a message of 150/);

    const changed = new MessageAssembler(1);
    changed.push(first as never);
    expect(() => changed.push({ ...(second as object), total: 151 } as never)).toThrow(/total length/);
  });

  it('rejects reports that are not of this protocol', () => {
    expect(() => decodeReport(new Uint8Array(63))).toThrow();
    expect(() => decodeReport(Uint8Array.from([0x42, ...new Uint8Array(63)]))).toThrow(/unknown report type/);
    expect(() =>
      decodeReport(Uint8Array.from([0x82, 1, 0, 0, 0, 0, 10, 57, ...new Uint8Array(56)])),
    ).toThrow();
  });

  it('maps key codes both ways, and not unknown ones', () => {
    expect(remoteKeyOf(0x05)).toBe('ok');
    expect(remoteKeyOf(0x13)).toBe('3');
    expect(remoteKeyOf(0x23)).toBe('blue');
    expect(remoteKeyOf(0x7f)).toBeUndefined();
  });
});
