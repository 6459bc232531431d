import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice, NoticesResponse } from './contracts.ts';
import { createLocalApiFixture, errorOf, type LocalApiFixture } from './testing/local-api-fixture.ts';

let f: LocalApiFixture;
beforeEach(async () => {
  f = await createLocalApiFixture();
  await vi.waitFor(() => expect(f.watcher.state.card).toBe('jpki'));
});
afterEach(() => f.close());

const notice: Notice = {
  id: '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  senderName: 'みなみ年金基金',
  senderKind: 'insurer',
  title: '現況届を受け付けました',
  body: '受付番号 2026-1124-000001',
  createdAt: '2026-11-24T03:00:00.000Z',
  readAt: null,
  kind: 'receipt',
};

describe('notice routes', () => {
  it('need a logged-in resident', async () => {
    for (const [method, path] of [
      ['GET', '/notices'],
      ['POST', `/notices/${notice.id}/read`],
    ] as const) {
      const response = await f.call(method, path);
      expect([response.status, (await errorOf(response)).code]).toEqual([401, 'session.login-required']);
    }
  });

  it("list the resident's notices and mark one read", async () => {
    f.reportBackend.noticeList.push({ ...notice });
    await f.logIn();
    expect((await (await f.call('GET', '/notices')).json()) as NoticesResponse).toEqual({
      notices: [notice],
    });
    const read = await f.call('POST', `/notices/${notice.id}/read`);
    expect([read.status, await read.json()]).toEqual([200, { id: notice.id }]);
    const [after] = ((await (await f.call('GET', '/notices')).json()) as NoticesResponse).notices;
    expect(after?.readAt).toEqual(expect.any(String));

    const unknown = await f.call('POST', '/notices/00000000-0000-4000-8000-000000000009/read');
    expect([unknown.status, (await errorOf(unknown)).code]).toEqual([404, 'notice.not-found']);
    const bad = await f.call('POST', '/notices/..%2F..%2Fadmin/read');
    expect([bad.status, (await errorOf(bad)).code]).toEqual([400, 'request.invalid']);
  });
});
