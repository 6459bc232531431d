// The bridge started in shelter mode (BRIDGE_MODE=shelter) with the emulated card in an in-process reader and
// no backend reachable: a card pulled in the middle of reading its certificate journals nothing and says so
// (`card.removed`), the next tap is recorded with the right number; the staff actions (hand entry, check-out by
// card, a note only with consent) journal what they say; the staff page is served and only this origin and
// the configured ones may post.
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevPki, initDevPki } from '@myna-tv/backend';
import {
  fingerprintOf,
  loadBridgeConfig,
  loadVirtualCard,
  type RunningBridge,
  startBridge,
  VirtualReader,
} from '@myna-tv/stb-bridge';
import type {
  ErrorResponse,
  ShelterActionResponse,
  ShelterStatusResponse,
  ShelterTapResponse,
} from '@myna-tv/stb-bridge/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Any of the answers (the test reads what the route it called gives). */
type Answer = ShelterActionResponse & ShelterTapResponse & ErrorResponse;

const tvOrigin = 'http://127.0.0.1:8080';
let dir: string;
let pki: DevPki;
let reader: VirtualReader;
let bridge: RunningBridge;
let card: Awaited<ReturnType<typeof loadVirtualCard>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-shelter-terminal-'));
  pki = await initDevPki({ dir: join(dir, 'pki') });
  const dataDir = join(dir, 'bridge');
  // The trust folder as a terminal leaves it after being online once (the download itself is in the
  // browser test): the auth CA and its CRL.
  await mkdir(join(dataDir, 'shelter', 'trust'), { recursive: true });
  await writeFile(join(dataDir, 'shelter', 'trust', 'jpki-auth.ca.der'), pki.ca.auth.der);
  await writeFile(
    join(dataDir, 'shelter-terminal.json'),
    JSON.stringify({
      terminalId: 'c0ffee00-0000-4000-8000-000000000001',
      secret: 'not-checked-offline',
      shelterId: 'E3638700058111',
      trustRoots: [fingerprintOf(new X509Certificate(pki.ca.auth.der))],
    }),
  );
  card = await loadVirtualCard({
    pkiDir: join(dir, 'pki'),
    holderId: pki.holders[0]?.id as string,
    stateDir: join(dir, 'card'),
  });
  reader = new VirtualReader();
  const config = loadBridgeConfig({
    BRIDGE_MODE: 'shelter',
    BRIDGE_DATA_DIR: dataDir,
    // Nothing listens there: the terminal is offline throughout.
    BRIDGE_BACKEND_URL: 'http://127.0.0.1:9',
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: tvOrigin,
  });
  bridge = await startBridge({ ...config, cardReader: reader, linkBackoff: { initialMs: 50, maxMs: 200 } });
});
afterAll(async () => {
  await bridge?.close();
  await reader?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const post = async (path: string, body: unknown, origin = tvOrigin) => {
  const response = await fetch(`${bridge.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Answer };
};
const status = async () =>
  (await (await fetch(`${bridge.url}/shelter/status`)).json()) as ShelterStatusResponse;

/** The card, wrapped so that it is pulled out of the reader during the second READ BINARY of a tap. */
function cardPulledMidRead() {
  let reads = 0;
  return {
    atr: card.atr,
    reset: () => card.reset(),
    transmit(command: Uint8Array) {
      if (command[1] === 0xb0 && ++reads === 2) reader.remove();
      return card.transmit(command);
    },
  };
}

describe('shelter terminal, offline', () => {
  it('records nothing for a card pulled mid-read, then the next tap as event 1', async () => {
    reader.insert(cardPulledMidRead());
    const pulled = await post('/shelter/tap', { groupId: null });
    expect([pulled.status, pulled.json.error.code]).toEqual([409, 'card.removed']);
    expect(await status()).toMatchObject({ journalled: 0, waiting: 0 });

    reader.insert(card);
    const tap = await post('/shelter/tap', { groupId: null });
    expect(tap.status).toBe(201);
    expect(tap.json.event).toMatchObject({ seq: 1, type: 'check-in', person: { kind: 'card' } });
    // The CA is cached but no CRL yet: a valid certificate, and the status says no CRL is usable.
    expect(tap.json.check).toMatchObject({ result: 'valid', crlAgeSeconds: null });
    expect(await status()).toMatchObject({ journalled: 1, waiting: 1, authorities: 1, crl: null });
  });

  it('journals a hand entry, a check-out by card, and a note only with consent', async () => {
    const groupId = crypto.randomUUID();
    const manual = await post('/shelter/manual-person', {
      name: '美波 太郎',
      ageGroup: 'child',
      needsAssistance: true,
      groupId,
    });
    expect(manual.status).toBe(201);
    expect(manual.json.events.map((e) => e.type)).toEqual(['manual-person', 'check-in']);
    expect(manual.json.events[1]).toMatchObject({ person: { kind: 'manual' }, groupId });

    const refused = await post('/shelter/note', {
      person: manual.json.person,
      topic: 'allergy',
      text: '卵',
      consent: false,
    });
    expect([refused.status, refused.json.error.code]).toEqual([400, 'request.invalid']);
    const note = await post('/shelter/note', {
      person: manual.json.person,
      topic: 'allergy',
      text: '卵',
      consent: true,
    });
    expect(note.json.events[0]).toMatchObject({ type: 'note', topic: 'allergy', consent: true });

    const out = await post('/shelter/check-out', { person: 'reader' });
    expect(out.status).toBe(201);
    expect(out.json.events[0]).toMatchObject({ type: 'check-out', person: { kind: 'card' } });
    expect(out.json.check?.result).toBe('valid');
    expect(await status()).toMatchObject({ journalled: 5, waiting: 5, online: false });
  });

  it('serves the staff page; only its own and the configured origins may post', async () => {
    const page = await fetch(`${bridge.url}/shelter/desk/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('避難所受付');
    expect((await fetch(`${bridge.url}/shelter/desk/app.js`)).status).toBe(200);
    const own = await post('/shelter/move', { person: 'reader', toShelterId: 'E3638700059111' }, bridge.url);
    expect(own.status).toBe(201);
    const other = await post('/shelter/check-out', { person: 'reader' }, 'http://127.0.0.1:9999');
    expect([other.status, other.json.error.code]).toEqual([403, 'request.origin-forbidden']);
    expect((await status()).journalled).toBe(6);
  });
});
