import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { type Socket as ClientSocket, io as connectBox } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { endOlderConnections } from './box-connection.ts';
import type { BoxNamespace, BoxSocket } from './box-namespace.ts';
import { deviceRoom } from './box-rooms.ts';

describe('one connection per device', () => {
  const server = createServer();
  const io = new Server(server, { transports: ['websocket'] });
  const nsp = io.of('/stb') as unknown as BoxNamespace;
  nsp.on('connection', (socket) => socket.join(deviceRoom('box-1')));
  let url = '';
  let clients: ClientSocket[] = [];
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stb`;
  });
  afterEach(() => {
    for (const client of clients) client.close();
    clients = [];
  });
  afterAll(async () => {
    await io.close();
  });

  /** Connects `count` boxes of device box-1 one after another; their sockets on the server, oldest first. */
  async function connect(count: number): Promise<BoxSocket[]> {
    const sockets: BoxSocket[] = [];
    for (let i = 0; i < count; i++) {
      const client = connectBox(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      clients.push(client);
      await new Promise<void>((resolve) => client.once('connect', resolve));
      const socket = nsp.sockets.get(client.id as string);
      if (!socket) throw new Error('no server socket');
      sockets.push(socket);
    }
    return sockets;
  }

  it('ends every other connection when the newest is on this node', async () => {
    const [older, newest] = await connect(2);
    if (!older || !newest) throw new Error('two sockets expected');
    expect(endOlderConnections(nsp, 'box-1', { id: newest.id, issued: newest.handshake.issued })).toBe(true);
    await vi.waitFor(() => expect(clients[0]?.connected).toBe(false));
    expect(clients[1]?.connected).toBe(true);
  });

  it('ends the connections here made before one announced from another node', async () => {
    const [here] = await connect(1);
    if (!here) throw new Error('one socket expected');
    expect(
      endOlderConnections(nsp, 'box-1', { id: 'on-another-node', issued: here.handshake.issued + 5 }),
    ).toBe(true);
    await vi.waitFor(() => expect(clients[0]?.connected).toBe(false));
  });

  it('keeps a connection made after the one announced (the announcement came late)', async () => {
    const [here] = await connect(1);
    if (!here) throw new Error('one socket expected');
    expect(
      endOlderConnections(nsp, 'box-1', { id: 'on-another-node', issued: here.handshake.issued - 5 }),
    ).toBe(false);
    expect(nsp.sockets.has(here.id)).toBe(true);
  });

  it('breaks a tie of handshake times by socket id, the same way on both nodes', async () => {
    const [here] = await connect(1);
    if (!here) throw new Error('one socket expected');
    const issued = here.handshake.issued;
    // Announced with a greater id: the one here is the older and ends; with a smaller id it stays.
    expect(endOlderConnections(nsp, 'box-1', { id: '\u0000', issued })).toBe(false);
    expect(endOlderConnections(nsp, 'box-1', { id: `${here.id}~`, issued })).toBe(true);
  });

  it('ends nothing for a device with no connection here', () => {
    expect(endOlderConnections(nsp, 'box-2', { id: 'elsewhere', issued: Date.now() })).toBe(false);
  });
});
