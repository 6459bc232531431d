import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectBox } from 'socket.io-client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
import { createBoxPacketEncoder, textFrame, writeBoxPacket } from './box-packets.ts';
import type { JsonValue, PushMessage } from './contracts.ts';
import { EncodedPayload } from './push-renderer.ts';

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
        const packet = encode(new EncodedPayload(payload));
        const boxMessage = { ...message, payload };
        expect(packet.message).toEqual(boxMessage);
        const expected = io.encoder.encode({ type: 2, nsp: name, data: ['push:message', boxMessage] });
        expect([packet.encoded]).toEqual(expected);
        expect(readFrame(packet.frame).text).toBe(`4${expected[0]}`);
      }
    }
  });
});

describe('writing a packet to a box', () => {
  const server = createServer();
  const sio = new Server(server, { transports: ['websocket'], perMessageDeflate: false });
  afterAll(async () => {
    sio.close();
  });

  /** A connected socket.io-client box on /stb and its socket on the server, recording what it receives. */
  async function connected() {
    if (!server.listening) {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
    }
    const { port } = server.address() as AddressInfo;
    const nsp = sio.of('/stb') as unknown as BoxNamespace;
    const serverSide = once(nsp, 'connection') as Promise<[BoxSocket]>;
    const box = connectBox(`http://127.0.0.1:${port}/stb`, { transports: ['websocket'], forceNew: true });
    const [socket] = await serverSide;
    const received: PushMessage[] = [];
    box.on('push:message', (m: PushMessage) => received.push(m));
    const engine = socket.conn as unknown as { sendPacket: (...args: unknown[]) => void };
    return { nsp, socket, box, received, sendPacket: vi.spyOn(engine, 'sendPacket') };
  }

  const messageWith = (seq: number): PushMessage => ({
    seq,
    target: { kind: 'all' },
    payload: { text: `避難指示 ${seq}` },
    createdAt: '2026-09-01T00:00:00.000Z',
    expiresAt: '2026-09-01T12:00:00.000Z',
  });

  it('writes straight to an idle WebSocket, and the box gets the same event as from emit', async () => {
    const { nsp, socket, box, received, sendPacket } = await connected();
    const message = messageWith(1);
    writeBoxPacket(socket, createBoxPacketEncoder(nsp, message)(new EncodedPayload(message.payload)));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toEqual(message);
    expect(sendPacket).not.toHaveBeenCalled();
    box.close();
  });

  it('queues behind what engine.io has not written yet, so nothing is overtaken', async () => {
    const { nsp, socket, box, received, sendPacket } = await connected();
    const [first, second, third] = [messageWith(1), messageWith(2), messageWith(3)];
    // An emit leaves engine.io's transport busy until its write callback; the next packets must follow it.
    socket.emit('push:message', first);
    for (const message of [second, third]) {
      writeBoxPacket(socket, createBoxPacketEncoder(nsp, message)(new EncodedPayload(message.payload)));
    }
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received).toEqual([first, second, third]);
    expect(sendPacket).toHaveBeenCalledTimes(3);
    // Once engine.io is idle again, straight writes resume.
    await vi.waitFor(() =>
      expect((socket.conn as unknown as { transport: { writable: boolean } }).transport.writable).toBe(true),
    );
    const fourth = messageWith(4);
    writeBoxPacket(socket, createBoxPacketEncoder(nsp, fourth)(new EncodedPayload(fourth.payload)));
    await vi.waitFor(() => expect(received).toHaveLength(4));
    expect(received[3]).toEqual(fourth);
    expect(sendPacket).toHaveBeenCalledTimes(3);
    box.close();
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
      expect(readFrame(textFrame(Buffer.from(text)))).toEqual({ fin: true, opcode: 1, masked: false, text });
    }
    const parts = ['42/stb,', '["避難",', '1]'].map((part) => Buffer.from(part));
    expect(readFrame(textFrame(...parts)).text).toBe('42/stb,["避難",1]');
  });

  it('uses the shortest length field (7, 16 or 64 bits), counting bytes rather than characters', () => {
    const frame = (text: string) => textFrame(Buffer.from(text));
    expect(frame('x'.repeat(125)).length).toBe(2 + 125);
    expect(frame('避'.repeat(42)).length).toBe(4 + 126);
    expect(frame('x'.repeat(65_535)).length).toBe(4 + 65_535);
    expect(frame('x'.repeat(65_536)).length).toBe(10 + 65_536);
  });
});
