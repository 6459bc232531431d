// The feed poller against a real local HTTP server serving an Atom feed and alert files, with two pollers on
// one database standing for two nodes, and a third for a restart: each entry is fetched and ingested once,
// a refused message stays refused, a failing one is retried with back-off, and a broken or hostile feed is
// logged without stopping anything. On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../http/testing/test-app.ts';
import { testDatabases } from '../http/testing/test-databases.ts';
import { type Listening, listen } from '../jpki/testing/test-pki.ts';
import { createLogger } from '../observability/index.ts';
import { createAlertFeedPoller, type FeedPolicy } from './alert-feed-poller.ts';
import { defaultAlertIngestSettings } from './alert-settings.ts';
import { alertFixture, capMessage } from './alert-test-support.ts';
import { createAlertIngest } from './ingest-alert.ts';
import { createRecordingDispatcher } from './recording-dispatcher.ts';

/** The publisher's server: the feed, its entries, and how often each path was asked. */
function feedServer() {
  const files = new Map<string, () => Response>();
  const requests = new Map<string, number>();
  const state = {
    entries: [] as { id: string; href: string }[],
    feed: undefined as string | undefined,
    etag: '"v1"',
    server: undefined as Listening | undefined,
  };
  const atom = () =>
    state.feed ??
    `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>test alerts</title><id>urn:test:feed</id><updated>2026-11-24T00:00:00Z</updated>
  ${state.entries
    .map(
      (e) =>
        `<entry><title>alert</title><id>${e.id}</id><updated>2026-11-24T00:00:00Z</updated><link type="application/xml" href="${e.href}"/></entry>`,
    )
    .join('\n  ')}
</feed>`;
  return {
    state,
    files,
    requests,
    asked: (path: string) => requests.get(path) ?? 0,
    async start() {
      state.server = await listen((request) => {
        const path = new URL(request.url).pathname;
        requests.set(path, (requests.get(path) ?? 0) + 1);
        if (path === '/feed.xml') {
          if (request.headers.get('if-none-match') === state.etag) return new Response(null, { status: 304 });
          return new Response(atom(), {
            headers: { 'content-type': 'application/atom+xml', etag: state.etag },
          });
        }
        return files.get(path)?.() ?? new Response('not found', { status: 404 });
      });
      return state.server.url;
    },
  };
}

describe.each(testDatabases)('alert feed poller on %s', (_name, openDatabase) => {
  let t: TestApp;
  let external: Awaited<ReturnType<typeof openDatabase>>;
  const server = feedServer();
  let feedUrl: string;
  const dispatcher = createRecordingDispatcher();
  const logged: { level: string; msg: string }[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => void logged.push(JSON.parse(line)) });
  const policy: Partial<FeedPolicy> = {
    retryBaseMs: 60_000,
    maxAttempts: 3,
    timeoutMs: 5_000,
    maxAlertBytes: 64 * 1024,
  };

  const node = () =>
    createAlertFeedPoller({
      db: t.db,
      url: feedUrl,
      ingest: createAlertIngest({
        db: t.db,
        dispatcher,
        clock: t.clock,
        settings: defaultAlertIngestSettings,
      }),
      clock: t.clock,
      logger,
      policy,
    });
  const entryState = async (id: string) =>
    (
      await t.db.query<{
        state: string;
        attempts: number;
        error_code: string | null;
        alert_id: string | null;
      }>(
        'SELECT state, attempts, error_code, alert_id FROM alert_feed_entries WHERE feed_url = $1 AND entry_id = $2',
        [feedUrl, id],
      )
    )[0];

  beforeAll(async () => {
    external = await openDatabase();
    t = await createTestApp(external ? { db: external.db } : {});
    const base = await server.start();
    feedUrl = `${base}feed.xml`;
    const now = t.clock();
    const cap = (identifier: string) =>
      capMessage({
        identifier,
        sender: 'feed@pref.example.jp',
        sent: now,
        expires: new Date(now.getTime() + 3_600_000),
      });
    let flakyFailures = 2;
    server.files.set('/alerts/one.xml', () => new Response(cap('FEED-1')));
    server.files.set('/alerts/two.xml', () => new Response(cap('FEED-2')));
    server.files.set('/alerts/hostile.xml', () => new Response(alertFixture('hostile-billion-laughs.xml')));
    server.files.set(
      '/alerts/huge.xml',
      () => new Response(`${cap('FEED-HUGE')}<!-- ${'x'.repeat(70_000)} -->`),
    );
    server.files.set('/alerts/flaky.xml', () =>
      flakyFailures-- > 0 ? new Response('busy', { status: 503 }) : new Response(cap('FEED-FLAKY')),
    );
    server.state.entries = [
      { id: 'urn:one', href: '/alerts/one.xml' },
      { id: 'urn:two', href: `${base}alerts/two.xml` },
      { id: 'urn:hostile', href: 'alerts/hostile.xml' },
      { id: 'urn:huge', href: '/alerts/huge.xml' },
      { id: 'urn:flaky', href: '/alerts/flaky.xml' },
      { id: 'urn:elsewhere', href: 'http://192.0.2.1/alerts/x.xml' },
    ];
  });
  afterAll(async () => {
    await server.state.server?.close();
    await t.close();
    await external?.dispose();
  });

  it('two nodes polling at once take each entry once', async () => {
    const [a, b] = await Promise.all([node().pollOnce(), node().pollOnce()]);
    expect(a.added + b.added).toBe(5);
    expect(a.ingested + b.ingested).toBe(2);
    expect(a.refused + b.refused).toBe(1);
    expect(a.failed + b.failed).toBe(2);
    for (const path of ['/alerts/one.xml', '/alerts/two.xml', '/alerts/hostile.xml', '/alerts/flaky.xml'])
      expect({ path, asked: server.asked(path) }).toEqual({ path, asked: 1 });
    expect(server.asked('/alerts/x.xml')).toBe(0);
    expect(dispatcher.calls.map((c) => c.alert.alert.identifier).sort()).toEqual(['FEED-1', 'FEED-2']);
    const [row] = await t.db.query<{ source: string; publisher: string }>(
      "SELECT source, publisher FROM alerts WHERE identifier = 'FEED-1'",
    );
    expect(row).toEqual({ source: 'feed', publisher: feedUrl });
    expect(await entryState('urn:one')).toMatchObject({ state: 'done', attempts: 1, error_code: null });
    expect((await entryState('urn:one'))?.alert_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await entryState('urn:hostile')).toMatchObject({ state: 'done', error_code: 'alert.xml-unsafe' });
    expect(await entryState('urn:huge')).toMatchObject({ state: 'failed', error_code: 'fetch.too-large' });
    expect(await entryState('urn:flaky')).toMatchObject({
      state: 'pending',
      attempts: 1,
      error_code: 'fetch.http-503',
    });
  });

  it('asks the feed conditionally, retries a failing entry only when due, and ingests it once it answers', async () => {
    const poller = node();
    const quiet = await poller.pollOnce();
    expect(quiet).toMatchObject({ added: 0, ingested: 0, failed: 0 });
    const second = await poller.pollOnce();
    expect(second.listed).toBe(0); // 304 Not Modified
    expect(server.asked('/alerts/flaky.xml')).toBe(1);
    t.clock.advance(61_000);
    expect((await poller.pollOnce()).failed).toBe(1);
    expect(await entryState('urn:flaky')).toMatchObject({ state: 'pending', attempts: 2 });
    t.clock.advance(60_000); // back-off doubled: not due yet
    await poller.pollOnce();
    expect(server.asked('/alerts/flaky.xml')).toBe(2);
    t.clock.advance(61_000);
    expect((await poller.pollOnce()).ingested).toBe(1);
    expect(await entryState('urn:flaky')).toMatchObject({ state: 'done', attempts: 3 });
    expect(dispatcher.calls).toHaveLength(3);
  });

  it('after a restart nothing is fetched again', async () => {
    const asked = new Map(server.requests);
    const round = await node().pollOnce();
    expect(round).toEqual({ listed: 5, added: 0, ingested: 0, refused: 0, failed: 0 });
    for (const [path, count] of asked) if (path !== '/feed.xml') expect(server.asked(path)).toBe(count);
    expect(dispatcher.calls).toHaveLength(3);
  });

  it('logs a broken, hostile or unreachable feed and carries on', async () => {
    server.state.etag = '"v2"';
    for (const feed of [
      '<?xml version="1.0"?><!DOCTYPE feed SYSTEM "file:///etc/passwd"><feed xmlns="http://www.w3.org/2005/Atom"/>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
      '<rss version="2.0"/>',
    ]) {
      server.state.feed = feed;
      logged.length = 0;
      const round = await node().pollOnce();
      expect(round).toMatchObject({ listed: 0, added: 0 });
      expect(logged.some((line) => line.level === 'warn' && line.msg === 'alert feed: feed not read')).toBe(
        true,
      );
    }
    const gone = createAlertFeedPoller({
      db: t.db,
      url: 'http://127.0.0.1:9/feed.xml',
      ingest: createAlertIngest({
        db: t.db,
        dispatcher,
        clock: t.clock,
        settings: defaultAlertIngestSettings,
      }),
      clock: t.clock,
      logger,
      policy,
    });
    await expect(gone.pollOnce()).resolves.toMatchObject({ listed: 0 });
  });
});
