// The resident logged in on this box, if any. The session token lives here, in memory only: a restart or a
// logout forgets it. One card flow at a time, so a double-pressed OK cannot spend two PIN tries.
import { EventEmitter } from 'node:events';
import type { LoginResponse, RegisterResponse, ResidentView, SessionState } from '../local-api/contracts.ts';
import { loginWithCard, type OpenedResidentSession, type ResidentFlowDeps } from './login-flow.ts';
import { registerWithCard } from './registration-flow.ts';
import { SessionError } from './session-error.ts';

export interface ResidentSessionEvents {
  change: [SessionState];
  /** A logout the backend did not confirm (the token is dropped here anyway), for the daemon to log. */
  'logout-failed': [unknown];
}

export class ResidentSession extends EventEmitter<ResidentSessionEvents> {
  readonly #deps: ResidentFlowDeps;
  #current: { token: string; view: ResidentView; expiry: NodeJS.Timeout } | undefined;
  #busy = false;

  constructor(deps: ResidentFlowDeps) {
    super();
    this.#deps = deps;
  }

  get state(): SessionState {
    return this.#current ? { loggedIn: true, ...this.#current.view } : { loggedIn: false };
  }

  /** The token for backend calls on the resident's behalf. */
  get token(): string | undefined {
    return this.#current?.token;
  }

  async login(secrets: { pin: string }): Promise<LoginResponse> {
    const opened = await this.#exclusive(() => loginWithCard(this.#deps, secrets));
    return { resident: await this.#open(opened) };
  }

  async register(secrets: { password: string; pin: string }): Promise<RegisterResponse> {
    const registered = await this.#exclusive(() => registerWithCard(this.#deps, secrets));
    return { resident: await this.#open(registered), created: registered.created };
  }

  /** Forgets the session at once and tells the backend; resolves even when the backend cannot be told. */
  async logout(): Promise<SessionState> {
    const token = this.#drop();
    if (token !== undefined) {
      await this.#deps.backend.logout(token).catch((error: unknown) => this.emit('logout-failed', error));
    }
    return this.state;
  }

  /** Forgets the session without telling the backend (shutdown: its idle timeout ends it). */
  close(): void {
    this.#drop();
  }

  async #exclusive<T>(flow: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new SessionError('session.busy', 'another login or registration is using the card');
    this.#busy = true;
    try {
      return await flow();
    } finally {
      this.#busy = false;
    }
  }

  async #open(opened: OpenedResidentSession): Promise<ResidentView> {
    // A new login replaces the previous resident's session.
    const previous = this.#drop({ quiet: true });
    if (previous !== undefined)
      await this.#deps.backend.logout(previous).catch((e: unknown) => this.emit('logout-failed', e));
    const view: ResidentView = { name: opened.name, expiresAt: opened.expiresAt };
    const remaining = Math.max(0, Date.parse(opened.expiresAt) - Date.now());
    const expiry = setTimeout(() => this.#drop(), Math.min(remaining, 2 ** 31 - 1));
    expiry.unref();
    this.#current = { token: opened.sessionToken, view, expiry };
    this.emit('change', this.state);
    return view;
  }

  #drop(options: { quiet?: boolean } = {}): string | undefined {
    const current = this.#current;
    if (!current) return undefined;
    clearTimeout(current.expiry);
    this.#current = undefined;
    if (!options.quiet) this.emit('change', this.state);
    return current.token;
  }
}
