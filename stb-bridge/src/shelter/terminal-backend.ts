// The terminal's HTTP calls to the backend with its terminal credential (`Authorization: Terminal <id>.<secret>`,
// backend/src/http/credentials.ts): send journal events, ask how far they have arrived. A backend that cannot
// be reached (or answers 5xx) is "offline", to retry; a refusal is a ShelterError, not retried blindly.
import type { ErrorBody, ShelterEvent, ShelterEventReceipt } from '@myna-tv/backend';
import { ShelterError } from './shelter-error.ts';

export interface TerminalCredential {
  terminalId: string;
  secret: string;
}

/** The backend as the sync loop needs it (TerminalBackendClient over HTTP). */
export interface TerminalBackend {
  sendEvents(events: readonly ShelterEvent[]): Promise<ShelterEventReceipt>;
  /** How far this terminal's journal has arrived. */
  storedThrough(): Promise<number>;
}

/** The backend did not answer (network down, timeout, 5xx): try again later. */
export class BackendUnreachable extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'BackendUnreachable';
  }
}

export class TerminalBackendClient implements TerminalBackend {
  readonly #urls: readonly string[];
  readonly #authorization: string;
  readonly #timeoutMs: number;

  constructor(options: { urls: readonly string[]; credential: TerminalCredential; timeoutMs?: number }) {
    if (options.urls.length === 0) throw new RangeError('TerminalBackendClient needs a backend URL');
    this.#urls = options.urls;
    this.#authorization = `Terminal ${options.credential.terminalId}.${options.credential.secret}`;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  sendEvents(events: readonly ShelterEvent[]): Promise<ShelterEventReceipt> {
    return this.#call('POST', '/api/v1/shelter-terminals/me/events', { events });
  }

  async storedThrough(): Promise<number> {
    return (await this.#call<{ storedThrough: number }>('GET', '/api/v1/shelter-terminals/me')).storedThrough;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: this.#authorization };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let cause: unknown;
    for (const url of this.#urls) {
      let response: Response;
      try {
        response = await fetch(new URL(path, url), {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
      } catch (err) {
        cause = err;
        continue;
      }
      if (response.ok) return (await response.json()) as T;
      if (response.status >= 500) {
        cause = new Error(`${method} ${path} answered ${response.status}`);
        await response.body?.cancel();
        continue;
      }
      throw await refusal(response, `${method} ${path}`);
    }
    throw new BackendUnreachable('the backend cannot be reached', { cause });
  }
}

async function refusal(response: Response, what: string): Promise<ShelterError> {
  let code = '';
  try {
    code = ((await response.json()) as Partial<ErrorBody>).error?.code ?? '';
  } catch {
    // not our error shape: the status says enough
  }
  const message = `${what} answered ${response.status} ${code}`.trim();
  return response.status === 401
    ? new ShelterError('shelter.not-enrolled', `${message}: the terminal credential is not accepted`)
    : new ShelterError('shelter.sync-refused', message);
}
