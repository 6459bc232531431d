// Every call the TV app makes to the bridge's localhost API (contract: @myna-tv/stb-bridge/contracts), and the
// mapping of its wire data to what the screens show. Pages never see a wire field or an error code.
import {
  type BridgeEvent,
  type BridgeEventType,
  type CardState,
  DEFAULT_LOCAL_API_PORT,
  type ErrorResponse,
  type LocalApiErrorCode,
  type PinKind,
  type RegisterResponse,
  type RemoteKey,
  type SessionState,
  type TriesResponse,
} from '@myna-tv/stb-bridge/contracts';

export type { PinKind, RemoteKey };

/** What the screens need to know about the reader and the card. */
export type CardView = 'offline' | 'no-reader' | 'absent' | 'checking' | 'my-number-card' | 'other-card';

/** Why something could not be done, as the viewer is told. */
export type Problem =
  | 'not-registered'
  | 'card-removed'
  | 'no-card'
  | 'not-my-number-card'
  | 'no-reader'
  | 'format'
  | 'unavailable'
  | 'card-invalid'
  | 'failed';

/** The outcome of sending a PIN or password. */
export type SecretResult =
  | { ok: true; newlyRegistered: boolean }
  | { ok: false; problem: 'wrong'; kind: PinKind; triesLeft: number }
  | { ok: false; problem: 'blocked'; kind: PinKind }
  | { ok: false; problem: Problem };

export type TriesResult = { ok: true; triesLeft: number } | { ok: false; problem: Problem };

export interface BridgeListener {
  card(view: CardView): void;
  session(signedIn: boolean): void;
  remoteKey(key: RemoteKey): void;
}

// Exhaustive over the contract's codes: a new code fails the typecheck until it is given a meaning here.
const problemOfCode: Record<LocalApiErrorCode, Problem | 'wrong' | 'blocked'> = {
  'card.pin-wrong': 'wrong',
  'card.pin-blocked': 'blocked',
  'card.pin-format': 'format',
  'session.not-registered': 'not-registered',
  'card.removed': 'card-removed',
  'card.absent': 'no-card',
  'card.not-jpki': 'not-my-number-card',
  'card.forbidden-aid': 'not-my-number-card',
  'card.no-reader': 'no-reader',
  'card.no-pcsc': 'no-reader',
  'card.timeout': 'unavailable',
  'card.transport': 'unavailable',
  'session.backend-unavailable': 'unavailable',
  'session.busy': 'unavailable',
  'session.card-revoked': 'card-invalid',
  'session.card-expired': 'card-invalid',
  'session.card-refused': 'card-invalid',
  'card.closed': 'failed',
  'card.pin-required': 'failed',
  'card.bad-input': 'failed',
  'card.bad-response': 'failed',
  'apdu.malformed': 'failed',
  'apdu.status': 'failed',
  'session.device-refused': 'failed',
  'session.refused': 'failed',
  'link.inbox-write-failed': 'failed',
  'request.origin-forbidden': 'failed',
  'request.host-forbidden': 'failed',
  'request.invalid': 'failed',
  'request.not-found': 'failed',
  'message.not-pending': 'failed',
  internal: 'failed',
};

export function cardViewOf(state: CardState): CardView {
  if (state.reader === null) return 'no-reader';
  switch (state.card) {
    case 'absent':
      return 'absent';
    case 'checking':
      return 'checking';
    case 'jpki':
      return 'my-number-card';
    case 'not-jpki':
      return 'other-card';
  }
}

const meaningOf = (error: ErrorResponse['error'] | undefined) =>
  (error && problemOfCode[error.code]) ?? 'failed';

/** The failure a bridge error answer stands for; `kind` is the secret that was sent. */
export function secretResultOf(error: ErrorResponse['error'] | undefined, kind: PinKind): SecretResult {
  const problem = meaningOf(error);
  if (problem === 'wrong') {
    return { ok: false, problem, kind: error?.pinKind ?? kind, triesLeft: error?.triesLeft ?? 1 };
  }
  if (problem === 'blocked') return { ok: false, problem, kind: error?.pinKind ?? kind };
  return { ok: false, problem };
}

/**
 * The bridge's base URL: `?bridge=` on the app's URL when it names this machine (tests and development run
 * the bridge on another port), else the default port on 127.0.0.1. A secret is never sent off the box.
 */
export function resolveBridgeUrl(search: string): string {
  const given = new URLSearchParams(search).get('bridge');
  if (given && URL.canParse(given)) {
    const url = new URL(given);
    if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) {
      return url.origin;
    }
  }
  return `http://127.0.0.1:${DEFAULT_LOCAL_API_PORT}`;
}

interface Answer {
  status: number;
  body: unknown;
}

export class BridgeClient {
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(options: { baseUrl: string; fetch?: typeof fetch }) {
    this.baseUrl = options.baseUrl;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Follows GET /events (the browser reconnects by itself); returns a function that stops. */
  watch(listener: BridgeListener): () => void {
    const source = new EventSource(`${this.baseUrl}/events`);
    const handlers: { [T in BridgeEventType]: (event: Extract<BridgeEvent, { type: T }>) => void } = {
      'card:state': (event) => listener.card(cardViewOf(event.state)),
      'reader:missing': () => listener.card('no-reader'),
      'reader:attached': () => listener.card('absent'),
      'card:inserted': (event) => listener.card(event.jpki ? 'my-number-card' : 'other-card'),
      'card:removed': () => listener.card('absent'),
      'remote:key': (event) => listener.remoteKey(event.key),
      // Pushed messages are shown by the notice screens (later work); the bridge keeps them until then.
      'message:received': () => {},
      'session:changed': (event) => listener.session(event.session.loggedIn),
    };
    for (const [type, handle] of Object.entries(handlers)) {
      source.addEventListener(type, (message) => {
        (handle as (event: BridgeEvent) => void)(JSON.parse((message as MessageEvent<string>).data));
      });
    }
    source.onerror = () => {
      if (source.readyState !== EventSource.OPEN) listener.card('offline');
    };
    return () => source.close();
  }

  async triesLeft(kind: PinKind): Promise<TriesResult> {
    const answer = await this.call('GET', `/card/tries?kind=${kind}`);
    if (answer.status === 200) return { ok: true, triesLeft: (answer.body as TriesResponse).triesLeft };
    const problem = meaningOf(errorOf(answer));
    return { ok: false, problem: problem === 'wrong' || problem === 'blocked' ? 'failed' : problem };
  }

  /** Signs in with the 4-digit user-authentication PIN. */
  async login(pin: string): Promise<SecretResult> {
    const answer = await this.call('POST', '/login', { pin });
    if (answer.status === 200) return { ok: true, newlyRegistered: false };
    return secretResultOf(errorOf(answer), 'auth');
  }

  /** Registers the card (signature password) and signs in (PIN) in one step. */
  async register(password: string, pin: string): Promise<SecretResult> {
    const answer = await this.call('POST', '/register', { password, pin });
    if (answer.status === 201)
      return { ok: true, newlyRegistered: (answer.body as RegisterResponse).created };
    return secretResultOf(errorOf(answer), 'sign');
  }

  /** Ends the session; answers whether one is still open (true only when the bridge could not be asked). */
  async logout(): Promise<boolean> {
    const answer = await this.call('POST', '/logout');
    return answer.status === 200 ? (answer.body as SessionState).loggedIn : true;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    try {
      const response = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    } catch {
      // The bridge is not running or not reachable: the same to the viewer as a busy service.
      return { status: 0, body: { error: { code: 'session.backend-unavailable', message: 'unreachable' } } };
    }
  }
}

function errorOf(answer: Answer): ErrorResponse['error'] | undefined {
  return (answer.body as Partial<ErrorResponse> | undefined)?.error;
}

let shared: BridgeClient | undefined;

/** The app's one client, on the bridge URL resolveBridgeUrl picks from the page's address. */
export function bridge(): BridgeClient {
  shared ??= new BridgeClient({ baseUrl: resolveBridgeUrl(location.search) });
  return shared;
}
