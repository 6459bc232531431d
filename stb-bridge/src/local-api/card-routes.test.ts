import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIRTUAL_READER_NAME } from '../card/virtual-reader.ts';
import type { CardState, TriesResponse } from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
});
afterEach(() => f.close());

const cardState = async () => (await (await f.call('GET', '/card')).json()) as CardState;

/** A card without the JPKI AP: it answers every command with "file not found". */
const foreignCard = { atr: Uint8Array.of(0x3b, 0x00), transmit: () => Uint8Array.of(0x6a, 0x82), reset() {} };

describe('GET /card', () => {
  it('follows the card in and out, and tells a My Number Card from another card', async () => {
    await vi.waitFor(async () =>
      expect(await cardState()).toEqual({ reader: VIRTUAL_READER_NAME, card: 'jpki' }),
    );
    f.reader.remove();
    expect(await cardState()).toEqual({ reader: VIRTUAL_READER_NAME, card: 'absent' });
    f.reader.insert(foreignCard);
    await vi.waitFor(async () => expect((await cardState()).card).toBe('not-jpki'));
    f.reader.insert(f.newCard());
    await vi.waitFor(async () => expect((await cardState()).card).toBe('jpki'));
  });

  it('says when no reader is attached', async () => {
    await f.reader.close();
    expect(await cardState()).toEqual({ reader: null, card: 'absent' });
    const response = await f.call('GET', '/card/tries?kind=auth');
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('card.closed');
  });
});

describe('GET /card/tries', () => {
  it('reads both counters without using a try', async () => {
    const get = async (kind: string) =>
      (await (await f.call('GET', `/card/tries?kind=${kind}`)).json()) as TriesResponse;
    expect(await get('auth')).toEqual({ kind: 'auth', triesLeft: 3 });
    expect(await get('sign')).toEqual({ kind: 'sign', triesLeft: 5 });
    expect(await get('auth')).toEqual({ kind: 'auth', triesLeft: 3 });
  });

  it('needs a kind', async () => {
    for (const query of ['', '?kind=my-number']) {
      const response = await f.call('GET', `/card/tries${query}`);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('request.invalid');
    }
  });

  it('says when the card is out', async () => {
    f.reader.remove();
    const response = await f.call('GET', '/card/tries?kind=auth');
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('card.absent');
  });
});
