import { beforeAll, describe, expect, it } from 'vitest';
import { createTestCardContents, type TestCard } from '../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../virtual-card/virtual-jpki-card.ts';
import { describeCardReader } from './card-reader.cases.ts';
import { type InProcessCard, VIRTUAL_READER_NAME, VirtualReader } from './virtual-reader.ts';

let testCard: TestCard;
beforeAll(() => {
  testCard = createTestCardContents();
});

/** The virtual card, recording what reaches it. */
function recordingCard(): { card: InProcessCard; seen: Uint8Array[] } {
  const inner = new VirtualJpkiCard({ contents: testCard.contents });
  const seen: Uint8Array[] = [];
  const card: InProcessCard = {
    atr: inner.atr,
    transmit: (command) => {
      seen.push(Uint8Array.from(command));
      return inner.transmit(command);
    },
    reset: () => inner.reset(),
  };
  return { card, seen };
}

describeCardReader('virtual reader', async () => {
  const reader = new VirtualReader();
  const { card, seen } = recordingCard();
  return {
    reader,
    readerName: VIRTUAL_READER_NAME,
    insert: async () => reader.insert(card),
    remove: async () => reader.remove(),
    commandsSeen: () => seen,
    close: () => reader.close(),
  };
});

describe('VirtualReader', () => {
  it('resets the card on insertion and on disconnect, clearing its security state', async () => {
    const { card } = recordingCard();
    let resets = 0;
    const counting: InProcessCard = {
      atr: card.atr,
      transmit: card.transmit,
      reset: () => {
        resets += 1;
      },
    };
    const reader = new VirtualReader({ card: counting });
    expect(resets).toBe(1);
    const connection = await reader.connect();
    await connection.disconnect();
    expect(resets).toBe(2);
    await reader.close();
    expect(reader.readers()).toEqual([]);
    await expect(reader.connect()).rejects.toMatchObject({ code: 'card.closed' });
  });

  it('turns an exception inside the emulated card into card.transport', async () => {
    const broken: InProcessCard = {
      atr: Uint8Array.of(0x3b, 0x00),
      transmit: () => {
        throw new Error('boom');
      },
      reset: () => {},
    };
    const reader = new VirtualReader({ card: broken });
    const connection = await reader.connect();
    await expect(connection.transmit(Uint8Array.of(0, 0xb0, 0, 0, 1))).rejects.toMatchObject({
      code: 'card.transport',
    });
    await reader.close();
  });
});
