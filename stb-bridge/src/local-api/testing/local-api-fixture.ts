// Test support: the local API in-process (app.request) over a VirtualReader holding a real emulated JPKI card,
// with a scripted backend that checks the card's signatures with the card's public keys, the status reports'
// outbox in a temp folder, and every log line kept.
import { type KeyObject, verify } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginProof, RegistrationRequest } from '@myna-tv/backend';
import { VirtualReader } from '../../card/virtual-reader.ts';
import { PushInbox } from '../../link/push-inbox.ts';
import { createJsonLogger } from '../../log/json-logger.ts';
import { ReportOutbox } from '../../reports/report-outbox.ts';
import { ReportSender } from '../../reports/report-sender.ts';
import { StatusReports } from '../../reports/status-reports.ts';
import {
  type ScriptedReportBackend,
  scriptedReportBackend,
} from '../../reports/testing/scripted-report-backend.ts';
import { createSigningTestCard } from '../../reports/testing/signing-test-card.ts';
import type { HealthBackend, ResidentBackend } from '../../session/backend-client.ts';
import { CardAccess } from '../../session/card-access.ts';
import { CardWatcher } from '../../session/card-watcher.ts';
import { ResidentSession } from '../../session/resident-session.ts';
import type { TestCard } from '../../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../../virtual-card/virtual-jpki-card.ts';
import type { BridgeEvent, ErrorResponse } from '../contracts.ts';
import { createLocalApi, type LocalApi } from '../local-api-app.ts';

export const tvOrigin = 'http://127.0.0.1:8080';
export const residentName = '田中　花子';

export const deviceId = '3a9e7c1d-5b2f-4e8a-9c6d-1f0e2d3c4b5a';

/** The `error` of a local API error response. */
export const errorOf = async (response: Response) => ((await response.json()) as ErrorResponse).error;

/** Generated once per test file: two RSA-2048 keys, and a real certificate for the signature key. */
let testCard: TestCard | undefined;
function cardContents(): TestCard {
  testCard ??= createSigningTestCard('local-api-test');
  return testCard;
}

export interface ScriptedBackend extends ResidentBackend {
  calls: string[];
  /** Thrown by the next login instead of answering. */
  failLogin: Error | undefined;
}

function scriptedBackend(card: TestCard): ScriptedBackend {
  let issued = 0;
  const session = (n: number) => ({
    residentId: '00000000-0000-4000-8000-000000000001',
    sessionToken: `session-token-${n}-abcdefghijklmnop`,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  const checkProof = (proof: LoginProof) => {
    const signed = verify(
      'sha256',
      Buffer.from(proof.challenge, 'base64url'),
      card.publicKeys.auth,
      Buffer.from(proof.signature, 'base64'),
    );
    if (!signed) throw new Error('the card signature does not verify');
  };
  const backend: ScriptedBackend = {
    calls: [],
    failLogin: undefined,
    async requestChallenge() {
      backend.calls.push('challenge');
      return {
        challenge: Buffer.from(`challenge-${++issued}`).toString('base64url'),
        expiresAt: '2099-01-01T00:00:00Z',
      };
    },
    async login(proof) {
      backend.calls.push('login');
      if (backend.failLogin) throw backend.failLogin;
      checkProof(proof);
      return session(++issued);
    },
    async register(request: RegistrationRequest) {
      backend.calls.push('register');
      checkProof(request.proof);
      return { ...session(++issued), created: true };
    },
    async logout(token) {
      backend.calls.push(`logout ${token}`);
    },
    async residentInfo() {
      backend.calls.push('me');
      return { residentId: '00000000-0000-4000-8000-000000000001', name: residentName };
    },
  };
  return backend;
}

export interface LocalApiFixture {
  app: LocalApi;
  reader: VirtualReader;
  watcher: CardWatcher;
  backend: ScriptedBackend;
  reportBackend: ScriptedReportBackend;
  session: ResidentSession;
  outbox: ReportOutbox;
  inbox: PushInbox;
  events: EventEmitter<{ event: [BridgeEvent] }>;
  /** Every log line written, as text. */
  logs: string[];
  /** The public key of the card's signature key, to check what it signed. */
  signKey: KeyObject;
  /** A fresh emulated card (fresh PIN counters). */
  newCard(): VirtualJpkiCard;
  /** app.request with the TV app's Origin (unless `origin` says otherwise) and a JSON body. */
  call(method: string, path: string, options?: { body?: unknown; origin?: string | null }): Promise<Response>;
  /** Logs the card's holder in with the right PIN; throws unless the API says 200. */
  logIn(): Promise<void>;
  close(): Promise<void>;
}

export async function createLocalApiFixture(
  options: { health?: HealthBackend } = {},
): Promise<LocalApiFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'myna-local-api-'));
  const card = cardContents();
  const newCard = () => new VirtualJpkiCard({ contents: card.contents });
  const reader = new VirtualReader({ card: newCard() });
  const access = new CardAccess(reader);
  const watcher = new CardWatcher(reader, access);
  const backend = scriptedBackend(card);
  const session = new ResidentSession({ access, backend });
  const inbox = await PushInbox.open(dir);
  const reportBackend = scriptedReportBackend(card.publicKeys.sign);
  const { outbox } = await ReportOutbox.open(dir);
  const sender = new ReportSender({ outbox, backend: reportBackend, backoff: { initialMs: 10, maxMs: 50 } });
  const reports = new StatusReports({ access, backend: reportBackend, outbox, sender, deviceId });
  const events = new EventEmitter<{ event: [BridgeEvent] }>();
  const logs: string[] = [];
  const logger = createJsonLogger({ write: (line) => logs.push(line), level: 'debug' });
  const app = createLocalApi({
    allowedOrigins: [tvOrigin],
    cards: watcher,
    access,
    session,
    inbox,
    reports,
    notices: reportBackend,
    ...(options.health ? { health: options.health } : {}),
    events,
    logger,
  });
  watcher.start();
  const call: LocalApiFixture['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    const origin = options.origin === undefined ? tvOrigin : options.origin;
    if (origin !== null) headers.origin = origin;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    return app.request(path, { method, headers, ...(options.body !== undefined ? { body } : {}) });
  };
  return {
    app,
    reader,
    watcher,
    backend,
    reportBackend,
    session,
    outbox,
    inbox,
    events,
    logs,
    signKey: card.publicKeys.sign,
    newCard,
    call,
    logIn: async () => {
      const response = await call('POST', '/login', { body: { pin: card.contents.secrets.auth } });
      if (response.status !== 200)
        throw new Error(`login answered ${response.status}: ${await response.text()}`);
    },
    close: async () => {
      watcher.stop();
      session.close();
      await sender.close();
      await reader.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
