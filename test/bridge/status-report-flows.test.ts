// The 現況届 through the bridge as the TV app drives it, against a real backend node (HTTP API, push gateway,
// PGlite, the development PKI with OCSP over HTTP) behind a relay that can cut it off, with the dev-PKI holder's
// virtual card in a reader the test can pull it from: a wrong password, a card pulled while signing, a report
// sent and its receipt, and a report signed while the backend is unreachable that waits on disk through a
// restart and reaches the backend once.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BridgeEvent,
  createJsonLogger,
  loadBridgeConfig,
  loadVirtualCard,
  type NoticesResponse,
  outboxDirName,
  type ReportsResponse,
  type RunningBridge,
  type SendReportRequest,
  type StatusReportDraft,
  type StatusReportReceipt,
  startBridge,
  type VirtualJpkiCard,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pulledAfterVerify } from '../../stb-bridge/src/reports/testing/signing-test-card.ts';
import { type BackendNode, startBackendNode } from './support/backend-node.ts';
import { type BridgeClient, bridgeClient, tvOrigin } from './support/bridge-client.ts';
import { type SwitchableProxy, startSwitchableProxy } from './support/switchable-proxy.ts';

const holderId = 'tanaka-hanako';
/** The holder's four items as the dev PKI issues them (basicInfo of demo holder tanaka-hanako). */
const holder = {
  name: '田中　花子',
  dateOfBirth: '1948-04-12',
  gender: 'female' as const,
  address: '徳島県海部郡美波町奥河内字寺前１２３番地',
};
const password = 'ABC123';
const pin = '1234';

let backend: BackendNode;
let proxy: SwitchableProxy;
let dataDir: string;
let card: VirtualJpkiCard;
let reader: VirtualReader;
let bridge: RunningBridge | undefined;
let tv: BridgeClient;
const logs: string[] = [];

async function start(): Promise<BridgeClient> {
  const config = loadBridgeConfig({
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_BACKEND_URL: proxy.url,
    BRIDGE_PORT: '0',
    BRIDGE_ALLOWED_ORIGINS: tvOrigin,
    BRIDGE_VIRTUAL_HOLDER: holderId,
    BRIDGE_VIRTUAL_PKI_DIR: backend.pkiDir,
  });
  const logger = createJsonLogger({ write: (line) => logs.push(line), level: 'debug' });
  bridge = await startBridge({
    ...config,
    cardReader: reader,
    logger,
    linkBackoff: { initialMs: 50, maxMs: 200 },
  });
  const client = bridgeClient(bridge.url);
  await vi.waitFor(async () =>
    expect((await client.call('GET', '/card')).json).toMatchObject({ card: 'jpki' }),
  );
  return client;
}

/** The resident's month in Japan now: the contracts below fall due in it. */
const dueMonth = () => new Date(Date.now() + 9 * 3_600_000).getUTCMonth() + 1;

beforeAll(async () => {
  backend = await startBackendNode();
  const box = await backend.enrolBox();
  proxy = await startSwitchableProxy(backend.url);
  dataDir = await mkdtemp(join(tmpdir(), 'myna-bridge-reports-'));
  await writeDeviceCredential(dataDir, { deviceId: box.deviceId, secret: box.secret });
  card = await loadVirtualCard({ holderId, pkiDir: backend.pkiDir, stateDir: join(dataDir, 'cards') });
  reader = new VirtualReader({ card });

  const insurer = await backend.createInsurer('みなみ年金基金');
  const asInsurer = (method: string, path: string, body: unknown) =>
    fetch(`${backend.url}/api/v1${path}`, {
      method,
      headers: { ...insurer.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect(
    (await asInsurer('PUT', '/insurer/profile', { displayName: 'みなみ年金基金', endpoint: null })).ok,
  ).toBe(true);
  for (const reference of ['PEN-0001', 'PEN-0002']) {
    const put = await asInsurer('PUT', `/insurer/contracts/${reference}`, { dueMonth: dueMonth(), holder });
    expect(put.status).toBe(201);
  }
  tv = await start();
});
afterAll(async () => {
  await bridge?.close();
  await reader?.close();
  await proxy?.close();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const reports = async () => {
  const response = await tv.call('GET', '/reports');
  expect(response.status).toBe(200);
  return response.json as ReportsResponse;
};
const draftOf = async (referenceNumber: string) => {
  const draft = (await reports()).due.find((d) => d.referenceNumber === referenceNumber);
  if (!draft) throw new Error(`no report due for ${referenceNumber}`);
  return draft;
};
const sendRequest = (draft: StatusReportDraft, secret = password): SendReportRequest => ({
  contractId: draft.contractId,
  period: draft.period,
  answers: draft.questions.map((q) => ({ questionId: q.id, answer: q.id !== 'bank-account' })),
  password: secret,
});
const signTries = async () =>
  ((await tv.call('GET', '/card/tries?kind=sign')).json as { triesLeft: number }).triesLeft;

describe('status reports through the bridge with the virtual card', () => {
  it('needs a resident: registers the card, which logs in', async () => {
    expect((await tv.call('GET', '/reports')).status).toBe(401);
    const registered = await tv.call('POST', '/register', { password, pin });
    expect(registered.status).toBe(201);
    const { due, sent, waiting } = await reports();
    expect([sent, waiting]).toEqual([[], []]);
    expect(due.map((d) => [d.referenceNumber, d.holder, d.insurer.name])).toEqual([
      ['PEN-0001', holder, 'みなみ年金基金'],
      ['PEN-0002', holder, 'みなみ年金基金'],
    ]);
  });

  it('says a password was wrong, with the tries left, and keeps and sends nothing', async () => {
    const draft = await draftOf('PEN-0002');
    const wrong = await tv.call('POST', '/reports/send', sendRequest(draft, 'WRONG1'));
    expect(wrong).toEqual({
      status: 403,
      json: { error: { code: 'card.pin-wrong', message: expect.any(String), triesLeft: 4, pinKind: 'sign' } },
    });
    expect(await signTries()).toBe(4);
    expect(await reports()).toMatchObject({ sent: [], waiting: [] });
  });

  it('keeps and sends nothing when the card is pulled while signing; sending again then works', async () => {
    const draft = await draftOf('PEN-0002');
    reader.insert(pulledAfterVerify(card, () => reader));
    await vi.waitFor(async () =>
      expect((await tv.call('GET', '/card')).json).toMatchObject({ card: 'jpki' }),
    );
    const pulled = await tv.call('POST', '/reports/send', sendRequest(draft));
    expect(pulled).toMatchObject({ status: 409, json: { error: { code: 'card.removed' } } });
    expect(await readdir(join(dataDir, outboxDirName))).toEqual([]);
    expect(await reports()).toMatchObject({ sent: [], waiting: [] });

    reader.insert(card);
    await vi.waitFor(async () =>
      expect((await tv.call('GET', '/card')).json).toMatchObject({ card: 'jpki' }),
    );
    const sent = await tv.call('POST', '/reports/send', sendRequest(draft));
    expect(sent.status).toBe(201);
    const { receipt } = sent.json as { state: 'received'; receipt: StatusReportReceipt };
    expect(receipt).toMatchObject({
      contractId: draft.contractId,
      period: draft.period,
      insurerName: 'みなみ年金基金',
      receiptNumber: expect.stringMatching(/^\d{4}-\d{4}-\d{6,}$/),
    });
    expect(await signTries()).toBe(5);

    // Pressed again: the same receipt, no second report.
    expect(await tv.call('POST', '/reports/send', sendRequest(draft))).toEqual({
      status: 200,
      json: { state: 'received', receipt },
    });
    const listed = await reports();
    expect(listed.sent).toEqual([receipt]);
    expect(listed.due.map((d) => d.referenceNumber)).toEqual(['PEN-0001']);

    const { notices } = (await tv.call('GET', '/notices')).json as NoticesResponse;
    const notice = notices.find((n) => n.kind === 'receipt');
    expect(notice).toMatchObject({ readAt: null });
    expect(JSON.stringify(notice)).toContain(receipt.receiptNumber);
    const read = await tv.call('POST', `/notices/${notice?.id}/read`);
    expect(read).toEqual({ status: 200, json: { id: notice?.id } });
  });

  it('keeps a report signed while the backend is unreachable through a restart, and sends it once', async () => {
    const draft = await draftOf('PEN-0001');
    await proxy.down();
    const waiting = await tv.call('POST', '/reports/send', sendRequest(draft));
    expect(waiting).toEqual({ status: 202, json: { state: 'waiting', submissionId: expect.any(String) } });
    const { submissionId } = waiting.json as { submissionId: string };
    expect(await readdir(join(dataDir, outboxDirName))).toEqual([`${submissionId}.json`]);

    await bridge?.close();
    tv = await start();
    const stream = await tv.openEvents();
    await proxy.up();
    const received = () =>
      stream.events.filter(
        (e): e is Extract<BridgeEvent, { type: 'report:received' }> => e.type === 'report:received',
      );
    await vi.waitFor(() => expect(received()).toHaveLength(1), { timeout: 15_000 });
    expect(received()[0]?.receipt).toMatchObject({ submissionId, contractId: draft.contractId });
    expect(await readdir(join(dataDir, outboxDirName))).toEqual([]);

    // The session did not survive the restart; after logging in again the report is among the sent ones, once.
    expect((await tv.call('POST', '/login', { pin })).status).toBe(200);
    const { due, sent, waiting: kept } = await reports();
    expect(due).toEqual([]);
    expect(kept).toEqual([]);
    expect(sent.filter((r) => r.contractId === draft.contractId)).toEqual([received()[0]?.receipt]);
    await stream.close();
    expect(received()).toHaveLength(1);

    expect(backend.reported).toEqual([]);
    const logged = logs.join('');
    for (const secret of [password, pin, 'WRONG1', holder.name, holder.address])
      expect(logged).not.toContain(secret);
  });
});
