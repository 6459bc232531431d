// The PC/SC driver against a private pcscd with a vpcd reader and the virtual card: the shared reader
// contract, a card pulled mid-command, a card that never answers, and pcscd restarting under us.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import {
  type CardConnection,
  createMemoryPinCounterStore,
  createTestCardContents,
  isCardError,
  PcscReader,
  VirtualJpkiCard,
  type VpcdCard,
  VpcdLink,
} from '@myna-tv/stb-bridge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeCardReader } from '../../stb-bridge/src/card/card-reader.cases.ts';
import { type PrivatePcscd, startPcscd } from '../support/pcscd.ts';

const SELECT_JPKI = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));
const contents = createTestCardContents().contents;

let pcscd: PrivatePcscd;
beforeAll(async () => {
  pcscd = await startPcscd();
  // libpcsclite reads the socket name once, at the first PC/SC call of this process.
  process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
});
afterAll(async () => {
  await pcscd?.stop();
});

/** A virtual card that records commands, and can be told to vanish while answering the next one. */
function testCard() {
  const inner = new VirtualJpkiCard({ contents, pinCounters: createMemoryPinCounterStore() });
  const seen: Uint8Array[] = [];
  let onNext: (() => void) | undefined;
  const card: VpcdCard = {
    atr: inner.atr,
    reset: () => inner.reset(),
    transmit: (command) => {
      seen.push(Uint8Array.from(command));
      const hook = onNext;
      onNext = undefined;
      hook?.();
      return inner.transmit(command);
    },
  };
  const beforeNextAnswer = (hook: () => void) => {
    onNext = hook;
  };
  return { card, seen, beforeNextAnswer };
}

describeCardReader('PC/SC through pcscd + vpcd', async () => {
  const reader = await PcscReader.open({ reconnectIntervalMs: 100 });
  const { card, seen } = testCard();
  const link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
  return {
    reader,
    readerName: pcscd.readerName,
    insert: async () => link.insert(),
    remove: () => link.remove(),
    commandsSeen: () => seen,
    close: async () => {
      await reader.close();
      await link.remove();
      await pcscd.waitForCard(false); // so the next test does not see this card's stale state
    },
  };
});

describe('PcscReader recovery', () => {
  let reader: PcscReader;
  let link: VpcdLink | undefined;
  let mute: Socket | undefined;
  afterEach(async () => {
    await reader?.close();
    await link?.remove();
    mute?.destroy();
    await pcscd.waitForCard(false);
  });

  it('fails a command with card.removed when the card is pulled mid-command, without hanging', async () => {
    reader = await PcscReader.open();
    const { card, beforeNextAnswer } = testCard();
    const vpcdLink = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
    link = vpcdLink;
    vpcdLink.insert();
    await reader.waitForCard({ timeoutMs: 10_000 });
    const connection = await reader.connect();
    expect(Buffer.from(await connection.transmit(SELECT_JPKI)).toString('hex')).toBe('9000');

    beforeNextAnswer(() => void vpcdLink.remove());
    const error = await connection.transmit(SELECT_JPKI, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(isCardError(error, 'card.removed'), String(error)).toBe(true);
    await connection.disconnect();
  });

  it('reconnects to pcscd after a restart and announces the reader and card again', async () => {
    reader = await PcscReader.open({ reconnectIntervalMs: 100 });
    const { card } = testCard();
    link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
    link.insert();
    await reader.waitForCard({ timeoutMs: 10_000 });
    const before = await reader.connect();

    const events: string[] = [];
    for (const event of ['reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) {
      reader.on(event, () => events.push(event));
    }
    await pcscd.restart();
    const lost = await before.transmit(SELECT_JPKI).catch((e: unknown) => e);
    expect(isCardError(lost)).toBe(true);
    await before.disconnect();

    await reader.waitForCard({ timeoutMs: 10_000 });
    const removedAt = events.indexOf('reader-removed');
    expect(removedAt).toBeGreaterThanOrEqual(0);
    expect(events.slice(removedAt)).toContain('reader-added');
    expect(events.at(-1)).toBe('card-inserted');
    const after = await reader.connect({ reader: pcscd.readerName });
    expect(Buffer.from(await after.transmit(SELECT_JPKI)).toString('hex')).toBe('9000');
    await after.disconnect();
  });

  // Last: after a card that never answered, vpcd stops polling its slot (seen with Debian's
  // vsmartcard-vpcd 3.3 and pcscd 1.9.9) until pcscd restarts, so no test may come after this one.
  it('gives up on a card that never answers with card.timeout', async () => {
    reader = await PcscReader.open();
    mute = await muteCard(pcscd.vpcdPort);
    await reader.waitForCard({ timeoutMs: 10_000 });
    const connection: CardConnection = await reader.connect();
    const error = await connection.transmit(SELECT_JPKI, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(isCardError(error, 'card.timeout')).toBe(true);
    const again = await connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
    expect(isCardError(again, 'card.timeout')).toBe(true);
    mute.destroy(); // vpcd gets EOF, so pcscd's pending call returns and the reader is free again
    await connection.disconnect();
  });
});

/** A vicc that hands vpcd an ATR and then never answers a command. */
async function muteCard(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  await once(socket, 'connect');
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    // vpcd frames are a 2-byte length and the payload (split across reads at will); a 1-byte 04 asks
    // for the ATR. Everything else goes unanswered.
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const length = pending.readUInt16BE(0);
      if (length === 1 && pending[2] === 0x04) socket.write(Buffer.from('00093be000ff8131fe4514', 'hex'));
      pending = pending.subarray(2 + length);
    }
  });
  socket.on('error', () => {});
  return socket;
}
