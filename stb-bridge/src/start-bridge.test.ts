import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RemoteKeyEvent } from './card/remote-keys.ts';
import { VirtualReader } from './card/virtual-reader.ts';
import { loadBridgeConfig } from './config/bridge-config.ts';
import { writeDeviceCredential } from './link/device-credential.ts';
import { isLinkError } from './link/link-error.ts';
import type { BridgeEvent } from './local-api/contracts.ts';
import { createJsonLogger } from './log/json-logger.ts';
import { startBridge } from './start-bridge.ts';
import { createTestCardContents } from './virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from './virtual-card/virtual-jpki-card.ts';

const origin = 'http://127.0.0.1:8080';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-start-bridge-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A backend URL nobody listens on. */
async function refusedUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const configFor = async () =>
  loadBridgeConfig({
    BRIDGE_DATA_DIR: dir,
    BRIDGE_BACKEND_URL: await refusedUrl(),
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: origin,
  });

describe('startBridge', () => {
  it('refuses to start a box that was never enrolled', async () => {
    const error = await startBridge(await configFor()).catch((e: unknown) => e);
    expect(isLinkError(error, 'link.credential-missing')).toBe(true);
  });

  it('serves the TV app on 127.0.0.1 with the card, remote keys and events, and stops cleanly', async () => {
    await writeDeviceCredential(dir, {
      deviceId: '0b6f3f1e-8a55-4b8e-9f5d-6f2b9d0f6a11',
      secret: 'box-secret-123456',
    });
    const reader = new VirtualReader({
      card: new VirtualJpkiCard({ contents: createTestCardContents().contents }),
    });
    const keys = new EventEmitter<{ key: [RemoteKeyEvent] }>();
    const logs: string[] = [];
    const bridge = await startBridge({
      ...(await configFor()),
      cardReader: reader,
      remoteKeys: keys,
      logger: createJsonLogger({ write: (line) => logs.push(line) }),
    });
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${bridge.url}${path}`, { ...init, headers: { origin, 'content-type': 'application/json' } });

    await vi.waitFor(async () => expect(await (await call('/card')).json()).toMatchObject({ card: 'jpki' }));
    const events = await call('/events');
    const body = (events.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const read = (async () => {
      for (let chunk = await body.read(); !chunk.done; chunk = await body.read()) text += chunk.value;
    })();
    await vi.waitFor(() => expect(text).toContain('event: session:changed'));
    keys.emit('key', { key: 'red', action: 'press' });
    keys.emit('key', { key: 'red', action: 'repeat' });
    keys.emit('key', { key: 'red', action: 'release' });
    const relayed = (): BridgeEvent[] =>
      [...text.matchAll(/^data: (.*remote:key.*)$/gm)].map((m) => JSON.parse(m[1] as string) as BridgeEvent);
    await vi.waitFor(() => expect(relayed()).toHaveLength(2));
    expect(relayed()).toEqual([
      { type: 'remote:key', key: 'red', repeat: false },
      { type: 'remote:key', key: 'red', repeat: true },
    ]);

    const login = await call('/login', { method: 'POST', body: JSON.stringify({ pin: '1234' }) });
    expect(login.status).toBe(503);
    expect(await login.json()).toMatchObject({ error: { code: 'session.backend-unavailable' } });

    await bridge.close();
    await read;
    expect(keys.listenerCount('key')).toBe(0);
    expect(reader.listenerCount('card-inserted')).toBe(0);
    await expect(fetch(`${bridge.url}/card`)).rejects.toThrow();
    expect(logs.map((line) => JSON.parse(line).msg)).toEqual(
      expect.arrayContaining(['bridge.started', 'bridge.stopped']),
    );
    await reader.close();
  });
});
