// The behaviour every CardReader driver shares, as one suite each driver's test runs (virtual reader
// here, PC/SC through pcscd + vpcd in test/card/). Not a test file itself: drivers call it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCommand, parseResponse, SW } from '../apdu/index.ts';
import { FORBIDDEN_AIDS, JPKI_AID } from '../jpki/card-ids.ts';
import { isCardError } from './card-error.ts';
import type { CardPresence, CardReader } from './card-reader.ts';

export interface ReaderFixture {
  reader: CardReader;
  /** Name of the reader the card goes into. */
  readerName: string;
  /** Puts the card in (resolves once the driver may have noticed; tests wait for events themselves). */
  insert(): Promise<void>;
  remove(): Promise<void>;
  /** Commands the card has received so far. */
  commandsSeen(): Uint8Array[];
  close(): Promise<void>;
}

const SELECT_JPKI = encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: JPKI_AID });
const WAIT_MS = 5_000;

function nextEvent<T>(reader: CardReader, event: 'card-inserted' | 'card-removed'): Promise<T> {
  return new Promise((resolve) => reader.once(event, (arg: unknown) => resolve(arg as T)));
}

export function describeCardReader(driver: string, setup: () => Promise<ReaderFixture>): void {
  describe(`CardReader contract: ${driver}`, () => {
    let f: ReaderFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f.close();
    });

    it('announces the card with its ATR and talks to it', async () => {
      const inserted = nextEvent<CardPresence>(f.reader, 'card-inserted');
      await f.insert();
      const presence = await Promise.race([inserted, f.reader.waitForCard({ timeoutMs: WAIT_MS })]);
      expect(presence.reader).toBe(f.readerName);
      expect(presence.atr.length).toBeGreaterThan(1);
      expect(f.reader.readers().find((r) => r.name === f.readerName)?.atr).toEqual(presence.atr);

      const connection = await f.reader.connect({ reader: f.readerName });
      expect(connection.atr).toEqual(presence.atr);
      expect(parseResponse(await connection.transmit(SELECT_JPKI)).sw).toBe(SW.OK);
      await connection.disconnect();
      const after = await connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
      expect(isCardError(after, 'card.closed')).toBe(true);
    });

    it('refuses a SELECT of a My Number AP without sending it', async () => {
      await f.insert();
      await f.reader.waitForCard({ timeoutMs: WAIT_MS });
      const connection = await f.reader.connect();
      const before = f.commandsSeen().length;
      const forbidden = encodeCommand({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: FORBIDDEN_AIDS[0] });
      const error = await connection.transmit(forbidden).catch((e: unknown) => e);
      expect(isCardError(error, 'card.forbidden-aid')).toBe(true);
      expect(f.commandsSeen().length).toBe(before);
      await connection.disconnect();
    });

    it('reports removal, fails the old connection with card.removed, and reconnects after reinsertion', async () => {
      await f.insert();
      await f.reader.waitForCard({ timeoutMs: WAIT_MS });
      const connection = await f.reader.connect();
      const removed = nextEvent<{ reader: string }>(f.reader, 'card-removed');
      await f.remove();
      expect((await removed).reader).toBe(f.readerName);
      const error = await connection.transmit(SELECT_JPKI).catch((e: unknown) => e);
      expect(isCardError(error, 'card.removed')).toBe(true);
      const absent = await f.reader.connect().catch((e: unknown) => e);
      expect(isCardError(absent, 'card.absent')).toBe(true);

      // The old connection is never disconnected by the caller: it must not keep the new card out.
      await f.insert();
      await f.reader.waitForCard({ timeoutMs: WAIT_MS });
      const again = await f.reader.connect();
      expect(parseResponse(await again.transmit(SELECT_JPKI)).sw).toBe(SW.OK);
      await again.disconnect();
      await connection.disconnect();
    });

    it('names a missing reader and an empty one apart', async () => {
      const missing = await f.reader.connect({ reader: 'no such reader' }).catch((e: unknown) => e);
      expect(isCardError(missing, 'card.no-reader')).toBe(true);
      await f.reader.waitForCard({ timeoutMs: 0 }).catch(() => undefined);
      const empty = await f.reader
        .waitForCard({ reader: f.readerName, timeoutMs: 50 })
        .catch((e: unknown) => e);
      expect(isCardError(empty, 'card.absent') || isCardError(empty, 'card.no-reader')).toBe(true);
    });
  });
}
