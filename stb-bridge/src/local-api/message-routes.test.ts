import type { PushMessage } from '@myna-tv/backend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessagesResponse } from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
});
afterEach(() => f.close());

const message = (seq: number): PushMessage => ({
  seq,
  target: { kind: 'area', areaCode: '363871' },
  payload: { level: 4, text: '避難指示' },
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});
const pending = async () => ((await (await f.call('GET', '/messages')).json()) as MessagesResponse).messages;
const codeOf = async (response: Response) => (await errorOf(response)).code;

describe('messages', () => {
  it('lists pushed messages until each is marked shown', async () => {
    const [third, fourth] = [message(3), message(4)];
    await f.inbox.add(fourth);
    await f.inbox.add(third);
    expect(await pending()).toEqual([third, fourth]);
    const shown = await f.call('POST', '/messages/3/shown');
    expect(shown.status).toBe(200);
    expect(await shown.json()).toEqual({ seq: 3 });
    expect((await pending()).map((m) => m.seq)).toEqual([4]);
    const again = await f.call('POST', '/messages/3/shown');
    expect(again.status).toBe(404);
    expect(await codeOf(again)).toBe('message.not-pending');
  });

  it('needs a whole seq', async () => {
    for (const seq of ['0', '-1', '1.5', 'abc', '99999999999999999999']) {
      const response = await f.call('POST', `/messages/${seq}/shown`);
      expect(response.status).toBe(400);
      expect(await codeOf(response)).toBe('request.invalid');
    }
  });
});
