import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { BoxNamespace } from './box-namespace.ts';
import { createBoxPacketEncoder, textFrame } from './box-packets.ts';
import type { JsonValue, PushMessage } from './contracts.ts';

/** Reads one unmasked frame back as RFC 6455 §5.2 lays it out. */
function readFrame(frame: Buffer): { fin: boolean; opcode: number; masked: boolean; text: string } {
  const [first = 0, second = 0] = frame;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    length = frame.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    length = Number(frame.readBigUInt64BE(2));
    offset = 10;
  }
  expect(frame.length).toBe(offset + length);
  return {
    fin: (first & 0x80) !== 0,
    opcode: first & 0x0f,
    masked: (second & 0x80) !== 0,
    text: frame.subarray(offset).toString('utf8'),
  };
}

// Not attached to any HTTP server: only its encoder is used.
const io = new Server();

describe('pre-encoded push packets', () => {
  const message: PushMessage = {
    seq: 42,
    target: { kind: 'rendered', topic: 'alert', key: '0b6f3c2e-7f0a-4d1e-9f3b-2c1d5e6f7a8b' },
    payload: { summary: 'never sent' },
    createdAt: '2026-09-01T00:00:00.000Z',
    expiresAt: '2026-09-01T12:00:00.000Z',
  };
  const payloads: JsonValue[] = [
    { text: '【警戒レベル4】避難指示', names: ['佐藤 一郎'], distance: 640, en: null },
    'a "quoted" \u0000 payload\n',
    null,
    [1, 2.5, true, { nested: ['\u2028'] }],
  ];

  it("encodes exactly what the server's own encoder gives for the same event, on any namespace", () => {
    for (const name of ['/stb', '/']) {
      const nsp = io.of(name) as unknown as BoxNamespace;
      const encode = createBoxPacketEncoder(nsp, message);
      for (const payload of payloads) {
        const packet = encode(payload);
        const boxMessage = { ...message, payload };
        expect(packet.message).toEqual(boxMessage);
        const expected = io.encoder.encode({ type: 2, nsp: name, data: ['push:message', boxMessage] });
        expect(packet.encoded).toEqual(expected);
        expect(readFrame(packet.options.wsPreEncodedFrame[0]).text).toBe(`4${expected[0]}`);
      }
    }
  });
});

describe('pre-encoded WebSocket frames', () => {
  it('frames text of every length class as one final, unmasked text frame', () => {
    for (const text of [
      '4',
      '42/stb,["push:message",1]',
      `4${'避難'.repeat(100)}`,
      `4${'x'.repeat(70_000)}`,
    ]) {
      expect(readFrame(textFrame(text))).toEqual({ fin: true, opcode: 1, masked: false, text });
    }
    const parts = [Buffer.from('42/stb,'), '["避難",', Buffer.from('1]')];
    expect(readFrame(textFrame(...parts)).text).toBe('42/stb,["避難",1]');
  });

  it('uses the shortest length field (7, 16 or 64 bits), counting bytes rather than characters', () => {
    expect(textFrame('x'.repeat(125)).length).toBe(2 + 125);
    expect(textFrame('避'.repeat(42)).length).toBe(4 + 126);
    expect(textFrame('x'.repeat(65_535)).length).toBe(4 + 65_535);
    expect(textFrame('x'.repeat(65_536)).length).toBe(10 + 65_536);
  });
});
