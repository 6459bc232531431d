// Test support: the local API in-process (app.request) over a VirtualReader holding a real emulated JPKI card,
// with a scripted backend that checks the card's signatures with the card's public key, and every log line kept.
import { verify } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginProof, RegistrationRequest } from '@myna-tv/backend';
import { VirtualReader } from '../../card/virtual-reader.ts';
import { PushInbox } from '../../link/push-inbox.ts';
import { createJsonLogger } from '../../log/json-logger.ts';
import type { ResidentBackend } from '../../session/backend-client.ts';
import { CardAccess } from '../../session/card-access.ts';
import { CardWatcher } from '../../session/card-watcher.ts';
import { ResidentSession } from '../../session/resident-session.ts';
import { createTestCardContents, type TestCard } from '../../virtual-card/test-card-contents.ts';
import { VirtualJpkiCard } from '../../virtual-card/virtual-jpki-card.ts';
import type { BridgeEvent } from '../contracts.ts';
import { createLocalApi, type LocalApi } from '../local-api-app.ts';

export const tvOrigin = 'http://127.0.0.1:8080';
export const residentName = '田中　花子';

/** Generated once per test file: two RSA-2048 keys. */
let testCard: TestCard | undefined;
function cardContents(): TestCard {
  testCard ??= createTestCardContents('local-api-test');
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
  inbox: PushInbox;
  events: EventEmitter<{ event: [BridgeEvent] }>;
  /** Every log line written, as text. */
  logs: string[];
  /** A fresh emulated card (fresh PIN counters). */
  newCard(): VirtualJpkiCard;
  /** app.request with the TV app's Origin (unless `origin` says otherwise) and a JSON body. */
  call(method: string, path: string, options?: { body?: unknown; origin?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export async function createLocalApiFixture(): Promise<LocalApiFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'myna-local-api-'));
  const card = cardContents();
  const newCard = () => new VirtualJpkiCard({ contents: card.contents });
  const reader = new VirtualReader({ card: newCard() });
  const access = new CardAccess(reader);
  const watcher = new CardWatcher(reader, access);
  const backend = scriptedBackend(card);
  const session = new ResidentSession({ access, backend });
  const inbox = await PushInbox.open(dir);
  const events = new EventEmitter<{ event: [BridgeEvent] }>();
  const logs: string[] = [];
  const logger = createJsonLogger({ write: (line) => logs.push(line), level: 'debug' });
  const app = createLocalApi({
    allowedOrigins: [tvOrigin],
    cards: watcher,
    access,
    session,
    inbox,
    events,
    logger,
  });
  watcher.start();
  return {
    app,
    reader,
    watcher,
    backend,
    inbox,
    events,
    logs,
    newCard,
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = {};
      const origin = options.origin === undefined ? tvOrigin : options.origin;
      if (origin !== null) headers.origin = origin;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      return app.request(path, { method, headers, ...(options.body !== undefined ? { body } : {}) });
    },
    close: async () => {
      watcher.stop();
      session.close();
      await reader.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
