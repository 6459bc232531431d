import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeVpcdFrame, VpcdFrameReader } from './vpcd-framing.ts';
import { type VpcdCard, VpcdLink } from './vpcd-link.ts';

/** A stand-in for vpcd: listens, and lets the test send frames and await the card's replies. */
async function fakeVpcd(port = 0) {
  const server: Server = createServer();
  const peers: Socket[] = [];
  const replies: Uint8Array[] = [];
  const waiters: Array<() => void> = [];
  server.on('connection', (socket) => {
    peers.push(socket);
    const reader = new VpcdFrameReader();
    socket.on('data', (chunk) => {
      replies.push(...reader.push(chunk));
      for (const wake of waiters.splice(0)) wake();
    });
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    peers,
    /** Sends a frame one byte per write (partial TCP reads on the card side) and awaits the reply. */
    async exchange(payload: Uint8Array): Promise<Uint8Array> {
      const peer = peers.at(-1) as Socket;
      for (const byte of encodeVpcdFrame(payload)) peer.write(Uint8Array.of(byte));
      while (replies.length === 0) await new Promise<void>((wake) => waiters.push(wake));
      return replies.shift() as Uint8Array;
    },
    async send(payload: Uint8Array): Promise<void> {
      const peer = peers.at(-1) as Socket;
      await new Promise<void>((done) => peer.write(encodeVpcdFrame(payload), () => done()));
    },
    async close(): Promise<void> {
      for (const peer of peers) peer.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function recordingCard(): VpcdCard & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    atr: Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14),
    transmit: (command) => {
      log.push(`apdu ${Buffer.from(command).toString('hex')}`);
      return Uint8Array.of(0xca, 0xfe, 0x90, 0x00);
    },
    reset: () => void log.push('reset'),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('VpcdLink', () => {
  it('answers GET ATR, power and reset control bytes, and APDUs', async () => {
    const vpcd = await fakeVpcd();
    cleanups.push(vpcd.close);
    const card = recordingCard();
    const link = new VpcdLink({ card, port: vpcd.port });
    cleanups.push(() => link.remove());
    const power: string[] = [];
    link.on('power', (change) => power.push(change));
    link.insert();
    await once(link, 'connected');
    expect(link.connected).toBe(true);
    await vpcd.send(Uint8Array.of(0x01));
    expect(Buffer.from(await vpcd.exchange(Uint8Array.of(0x04))).toString('hex')).toBe('3be000ff8131fe4514');
    await vpcd.send(Uint8Array.of(0x02));
    await vpcd.send(Uint8Array.of(0x00));
    expect(Buffer.from(await vpcd.exchange(Uint8Array.of(0x00, 0xa4, 0x04, 0x0c))).toString('hex')).toBe(
      'cafe9000',
    );
    expect(card.log).toEqual(['reset', 'reset', 'reset', 'apdu 00a4040c']);
    expect(power).toEqual(['on', 'reset', 'off']);
  });

  it('keeps retrying until vpcd listens, and closes the socket on removal', async () => {
    const probe = await fakeVpcd();
    const port = probe.port;
    await probe.close(); // nothing listens on `port` now
    const link = new VpcdLink({ card: recordingCard(), port, retryDelayMs: 10, maxRetryDelayMs: 20 });
    cleanups.push(() => link.remove());
    link.insert();
    await once(link, 'retrying');
    const vpcd = await fakeVpcd(port);
    cleanups.push(vpcd.close);
    await once(link, 'connected');
    const peer = vpcd.peers[0] as Socket;
    const peerClosed = once(peer, 'close');
    await link.remove();
    await peerClosed;
    expect(link.connected).toBe(false);
    expect(vpcd.peers.length).toBe(1);
  });

  it('reconnects after vpcd drops it, and can be re-inserted with another card', async () => {
    const vpcd = await fakeVpcd();
    cleanups.push(vpcd.close);
    const link = new VpcdLink({ card: recordingCard(), port: vpcd.port, retryDelayMs: 10 });
    cleanups.push(() => link.remove());
    link.insert();
    await once(link, 'connected');
    (vpcd.peers[0] as Socket).destroy();
    const [error] = await once(link, 'disconnected');
    expect(error).toBeInstanceOf(Error);
    await once(link, 'connected');
    expect(vpcd.peers.length).toBe(2);
    const other = { ...recordingCard(), atr: Uint8Array.of(0x3b, 0x00) };
    expect(() => link.insert(other)).toThrow(
      expect.objectContaining({ code: 'virtual-card.already-inserted' }),
    );
    await link.remove();
    link.insert(other);
    await once(link, 'connected');
    expect(Buffer.from(await vpcd.exchange(Uint8Array.of(0x04))).toString('hex')).toBe('3b00');
  });
});
