// The bridge as the TV app sees it, against a real backend node in this process (HTTP API + push gateway,
// PGlite, the development PKI with OCSP over HTTP) and the virtual card of a dev-PKI holder: PIN tries, a wrong
// PIN, registration with the signature password, login, logout, and a pushed message kept until shown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BridgeEvent,
  createJsonLogger,
  loadBridgeConfig,
  type RunningBridge,
  startBridge,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BackendNode, type EnrolledDevice, startBackendNode } from './support/backend-node.ts';
import { type BridgeClient, bridgeClient, tvOrigin } from './support/bridge-client.ts';

const holderId = 'tanaka-hanako';
const holderName = '田中　花子';
let backend: BackendNode;
let box: EnrolledDevice;
let dataDir: string;
let bridge: RunningBridge | undefined;
const logs: string[] = [];

async function start(): Promise<BridgeClient> {
  const config = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: backend.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: tvOrigin,
    BRIDGE_VIRTUAL_HOLDER: holderId,
    BRIDGE_VIRTUAL_PKI_DIR: backend.pkiDir,
  });
  const logger = createJsonLogger({ write: (line) => logs.push(line), level: 'debug' });
  bridge = await startBridge({ ...config, logger, linkBackoff: { initialMs: 50, maxMs: 200 } });
  return bridgeClient(bridge.url);
}

beforeAll(async () => {
  backend = await startBackendNode();
  box = await backend.enrolBox();
  dataDir = await mkdtemp(join(tmpdir(), 'myna-bridge-box-'));
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
});
afterAll(async () => {
  await bridge?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sessionsIn = (events: BridgeEvent[]) =>
  events.flatMap((e) => (e.type === 'session:changed' ? [e.session.loggedIn] : []));

describe('bridge ↔ backend with the virtual card', () => {
  it('counts tries, reports a wrong PIN, registers, logs in and out', async () => {
    const tv = await start();
    const stream = await tv.openEvents();
    const tries = async () =>
      ((await tv.call('GET', '/card/tries?kind=auth')).json as { triesLeft: number }).triesLeft;

    await vi.waitFor(async () =>
      expect((await tv.call('GET', '/card')).json).toMatchObject({ card: 'jpki' }),
    );
    expect(await tries()).toBe(3);

    const wrong = await tv.call('POST', '/login', { pin: '1111' });
    expect(wrong).toMatchObject({ status: 403, json: { error: { code: 'card.pin-wrong', triesLeft: 2 } } });
    expect(await tries()).toBe(2);

    // The card is genuine, but nobody registered it yet.
    const unregistered = await tv.call('POST', '/login', { pin: '1234' });
    expect(unregistered).toMatchObject({ status: 403, json: { error: { code: 'session.not-registered' } } });
    expect(await tries()).toBe(3);

    const registered = await tv.call('POST', '/register', { password: 'ABC123', pin: '1234' });
    expect(registered).toEqual({
      status: 201,
      json: { resident: { name: holderName, expiresAt: expect.any(String) }, created: true },
    });
    expect((await tv.call('POST', '/logout')).json).toEqual({ loggedIn: false });

    const login = await tv.call('POST', '/login', { pin: '1234' });
    expect(login).toEqual({
      status: 200,
      json: { resident: { name: holderName, expiresAt: expect.any(String) } },
    });
    expect((await tv.call('GET', '/session')).json).toMatchObject({ loggedIn: true, name: holderName });
    expect((await tv.call('POST', '/logout')).json).toEqual({ loggedIn: false });
    expect((await tv.call('GET', '/session')).json).toEqual({ loggedIn: false });

    await vi.waitFor(() => expect(sessionsIn(stream.events)).toEqual([false, true, false, true, false]));
    expect(stream.events[0]).toEqual({
      type: 'card:state',
      state: { reader: expect.any(String), card: 'jpki' },
    });
    await stream.close();
    expect(backend.reported).toEqual([]);

    const logged = logs.join('');
    // As a value of its own: a random id or digest in the logs may hold "1111" by chance (seen once in CI).
    // None of the secrets holds a regular-expression character (the device secret is base64url).
    const standsAlone = (secret: string) => new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`);
    for (const secret of ['1111', '1234', 'ABC123', holderName, box.secret])
      expect(logged).not.toMatch(standsAlone(secret));
    expect(logged).toContain('"msg":"bridge.session-changed"');
  });

  it('shows a pushed message on /events and keeps it on /messages until shown, across a restart', async () => {
    const tv = bridge ? bridgeClient(bridge.url) : await start();
    const stream = await tv.openEvents();
    const published = await backend.gateway.publish({
      target: { kind: 'household', householdId: box.householdId },
      payload: { level: 4, text: '避難指示が発令されました' },
      ttlMs: 600_000,
    });

    await vi.waitFor(() =>
      expect(stream.events).toContainEqual({ type: 'message:received', message: published }),
    );
    expect((await tv.call('GET', '/messages')).json).toEqual({ messages: [published] });
    await stream.close();

    await bridge?.close();
    const restarted = await start();
    expect((await restarted.call('GET', '/messages')).json).toEqual({ messages: [published] });
    expect(await restarted.call('POST', `/messages/${published.seq}/shown`, {})).toEqual({
      status: 200,
      json: { seq: published.seq },
    });
    expect((await restarted.call('GET', '/messages')).json).toEqual({ messages: [] });
  });
});
