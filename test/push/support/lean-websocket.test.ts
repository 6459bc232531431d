// The benchmarks' WebSocket client against a real `ws` server: what it hands on and sends must be what a
// standard client would, or the push benchmarks measure something else.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { openLeanWebSocket } from './lean-websocket.ts';

describe('lean WebSocket client', () => {
  let server: WebSocketServer;
  let url: string;
  const connections: WebSocket[] = [];

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/socket.io/?EIO=4&transport=websocket`;
    server.on('connection', (ws) => connections.push(ws));
  });
  afterAll(() => {
    for (const ws of connections) ws.terminate();
    server.close();
  });

  it('receives text of every length form, whole and split across reads, and sends masked text', async () => {
    const received: string[] = [];
    const ws = await openLeanWebSocket(url, (data) => received.push(String(data)));
    const peer = connections.at(-1) as WebSocket;
    // 7-bit, 16-bit and 64-bit payload lengths, with multi-byte UTF-8.
    const texts = ['2', '避難指示'.repeat(20), 'あ'.repeat(30_000)];
    for (const text of texts) peer.send(text);
    await vi.waitFor(() => expect(received).toEqual(texts));

    // One frame written a byte at a time: the client joins the reads.
    const frame = Buffer.concat([Buffer.from([0x81, 9]), Buffer.from('42/stb,[]')]);
    const socket = (peer as unknown as { _socket: import('node:net').Socket })._socket;
    for (const byte of frame) {
      socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await vi.waitFor(() => expect(received.at(-1)).toBe('42/stb,[]'));

    const answers: string[] = [];
    peer.on('message', (data, isBinary) => answers.push(`${isBinary}:${String(data)}`));
    ws.sendText('3');
    ws.sendText(`42/stb,["push:ack",{"seq":${2 ** 40}}]`);
    ws.sendText('い'.repeat(100));
    await vi.waitFor(() =>
      expect(answers).toEqual([
        'false:3',
        `false:42/stb,["push:ack",{"seq":${2 ** 40}}]`,
        `false:${'い'.repeat(100)}`,
      ]),
    );
    ws.close();
  });

  it('answers a ping with a pong carrying the same data', async () => {
    await openLeanWebSocket(url, () => {});
    const peer = connections.at(-1) as WebSocket;
    const pong = once(peer, 'pong');
    peer.ping('heartbeat');
    const [data] = (await pong) as [Buffer];
    expect(String(data)).toBe('heartbeat');
  });

  it('refuses a server that does not upgrade', async () => {
    const { createServer } = await import('node:http');
    const plain = createServer((_request, response) => response.writeHead(404).end());
    plain.listen(0, '127.0.0.1');
    await once(plain, 'listening');
    const port = (plain.address() as AddressInfo).port;
    await expect(openLeanWebSocket(`ws://127.0.0.1:${port}/`, () => {})).rejects.toThrow(
      'upgrade refused: HTTP/1.1 404 Not Found',
    );
    plain.close();
  });
});
