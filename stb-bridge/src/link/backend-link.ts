// The box's one connection to the backend's push gateway. It reconnects on its own (exponential back-off with
// jitter, trying the next backend URL each time), tells the gateway the last seq it stored, and acknowledges
// each message once the inbox has it on disk.
import { EventEmitter } from 'node:events';
import type { BoxToServerEvents, PushMessage, PushNamespace, ServerToBoxEvents } from '@myna-tv/backend';
import { io, type Socket } from 'socket.io-client';
import { type BackoffOptions, backoffDelay } from './backoff.ts';
import type { DeviceCredential } from './device-credential.ts';
import { LinkError } from './link-error.ts';
import type { PushInbox } from './push-inbox.ts';

const namespace: PushNamespace = '/stb';

export interface BackendLinkOptions {
  /** Backend base URLs (`https://host:port`), tried in turn: one behind a load balancer, or several nodes. */
  urls: readonly string[];
  credential: DeviceCredential;
  inbox: PushInbox;
  /** Default 1 s doubling up to 60 s: after a regional power cut many boxes come back at once. */
  backoff?: BackoffOptions;
  /** Longest wait for a handshake before trying again (default 20 s). */
  connectTimeoutMs?: number;
  random?: () => number;
  /** Failures nobody awaits (a message that could not be stored): for the daemon to log. */
  onError?: (error: LinkError) => void;
}

export interface BackendLinkEvents {
  connected: [url: string];
  disconnected: [reason: string];
  /** The gateway refused the handshake (e.g. `push.unauthorized` for a revoked box); the link keeps trying. */
  refused: [error: LinkError];
}

type BoxSocket = Socket<ServerToBoxEvents, BoxToServerEvents>;

export class BackendLink extends EventEmitter<BackendLinkEvents> {
  readonly #options: BackendLinkOptions;
  #socket: BoxSocket | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #nextUrl = 0;
  #closed = false;

  constructor(options: BackendLinkOptions) {
    super();
    if (options.urls.length === 0) throw new RangeError('BackendLink needs at least one backend URL');
    this.#options = options;
  }

  /** Starts connecting; the link then stays connected (or trying) until `close()`. */
  start(): void {
    if (!this.#socket && !this.#retryTimer && !this.#closed) this.#connect();
  }

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#drop();
  }

  #connect(): void {
    this.#retryTimer = undefined;
    const { urls, credential, inbox } = this.#options;
    const url = urls[this.#nextUrl++ % urls.length] as string;
    const socket: BoxSocket = io(`${url}${namespace}`, {
      transports: ['websocket'],
      // Reconnection is ours: socket.io's own retries one URL and stops after a refused handshake.
      reconnection: false,
      forceNew: true,
      timeout: this.#options.connectTimeoutMs ?? 20_000,
      // Read at each attempt, so the gateway replays from what is on disk now.
      auth: (send) =>
        send({ deviceId: credential.deviceId, secret: credential.secret, lastSeq: inbox.lastSeq }),
    });
    this.#socket = socket;
    socket.on('connect', () => {
      this.#failures = 0;
      this.emit('connected', url);
    });
    socket.on('push:message', (message) => {
      void this.#store(socket, message);
    });
    socket.on('connect_error', (err) => {
      // A refusal by the gateway carries its code as the message; a transport failure has no `data`.
      if ('data' in err) this.emit('refused', new LinkError('link.refused', err.message, { cause: err }));
      this.#retry();
    });
    socket.on('disconnect', (reason) => {
      this.emit('disconnected', reason);
      this.#retry();
    });
  }

  async #store(socket: BoxSocket, message: PushMessage): Promise<void> {
    try {
      await this.#options.inbox.add(message);
      // A repeat is acknowledged too: the gateway sent it again because it never got the first ack.
      socket.emit('push:ack', { seq: message.seq });
    } catch (err) {
      this.#options.onError?.(err as LinkError);
    }
  }

  #retry(): void {
    this.#drop();
    if (this.#closed || this.#retryTimer) return;
    const delay = backoffDelay(
      this.#failures++,
      this.#options.backoff ?? { initialMs: 1000, maxMs: 60_000 },
      this.#options.random,
    );
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #drop(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket) return;
    socket.removeAllListeners();
    socket.disconnect();
  }
}
