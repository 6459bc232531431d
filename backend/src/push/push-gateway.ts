// The push gateway: socket.io on the backend's HTTP server, namespace `/stb`, one connection per set-top box.
// Messages live in the database until acknowledged; every node delivers to its own boxes after one trigger.
import type { ServerType } from '@hono/node-server';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { Queryable } from '../db/index.ts';
import { createAckBatcher } from './ack-batcher.ts';
import { ActiveMessages } from './active-messages.ts';
import { type AuthenticateBox, endOlderConnections, serveBoxes } from './box-connection.ts';
import type { BoxNamespace, BoxSocketData, NodeEvents } from './box-namespace.ts';
import { deviceRoom } from './box-rooms.ts';
import {
  type BoxToServerEvents,
  PUSH_NAMESPACE,
  type PushMessage,
  type ServerToBoxEvents,
} from './contracts.ts';
import { DeliveryLedger } from './delivery-ledger.ts';
import { createHandshakeAdmission } from './handshake-admission.ts';
import { createLocalFanout } from './local-fanout.ts';
import { appendMessage, listExpiries, listMessagesInForce, withdrawMessage } from './message-log.ts';
import { createPeerWrites } from './peer-writes.ts';
import { checkPublishRequest, type PublishRequest } from './publish-request.ts';
import { PushError } from './push-error.ts';
import { type PushRenderer, PushRenderers } from './push-renderer.ts';
import { connectRedis, type RedisLink } from './redis-link.ts';
import { startResendSweeper } from './resend-sweeper.ts';

export interface PushGatewayOptions {
  /** The backend's HTTP server (what `serve()` of @hono/node-server returns): socket.io shares its port. */
  httpServer: ServerType;
  db: Queryable;
  authenticate: AuthenticateBox;
  /** Several nodes share the push through Redis; unset: this node alone, in-memory adapter. */
  redis?: { url: string; keyPrefix: string; connectTimeoutMs?: number };
  /** Renderers of rendered messages by topic (more may be added with `setRenderer`). */
  renderers?: Record<string, PushRenderer>;
  /** Sockets written per event-loop turn during a fan-out (default 1000). */
  chunkSize?: number;
  /** Acks are written every `ackFlushMs` or per `ackBatchSize`, whichever comes first (default 50 ms / 500). */
  ackFlushMs?: number;
  ackBatchSize?: number;
  /** How often each node reads the log for messages whose trigger it missed, e.g. during a Redis outage. */
  catchUpMs?: number;
  /**
   * A connected box that has not acknowledged a message in force this long after it was sent gets it again
   * (default 10 s), at most `maxResends` times per connection (default 3).
   */
  resendAfterMs?: number;
  maxResends?: number;
  /** Handshakes this node admits per second; more are refused with `push.busy` (default 1,000). */
  handshakesPerSecond?: number;
  /** Failures nobody awaits (ack writes, replays, Redis): for the composition root to log. */
  onError?: (error: PushError) => void;
  /**
   * A device connected while an older connection of it was open on this node, which was ended: a box that
   * reconnected before its old socket timed out, or a copied credential if it keeps happening.
   */
  onConnectionReplaced?: (deviceId: string) => void;
}

export interface PushStats {
  /** Boxes connected to this node. */
  connected: number;
  /** Messages written to boxes by this node (one per box and message, replays included). */
  sent: number;
  /** Delivery rows this node recorded (first ack of a box for a message). */
  acked: number;
  /** Messages in force sent to boxes connected here and not yet acknowledged. */
  pending: number;
  /** Messages sent again to boxes that had not acknowledged them in time. */
  resent: number;
}

export type PushHealth = { adapter: 'memory' } | { adapter: 'redis'; redis: 'up' | 'down' };

export interface PushGateway {
  /**
   * Stores a message and pushes it to every connected box it targets; resolves to the stored message. For a
   * rendered target the stored payload is a summary for the log and never sent: each box gets its household's
   * payload from the topic's renderer.
   */
  publish(request: PublishRequest): Promise<PushMessage>;
  /**
   * `publish` for a message stored in the caller's transaction together with other rows (an alert's claim and
   * recipients): `write` runs the transaction and calls `append(tx)` in it, at most once. This node's boxes get
   * the message as soon as it is appended, before the commit, since a large fan-out is the longer part; the
   * other nodes once `write` resolves (committed); if it rejects, this node stops delivering it.
   */
  publishWithin<T>(
    request: PublishRequest,
    write: (append: (tx: Queryable) => Promise<PushMessage>) => Promise<T>,
  ): Promise<T>;
  /** Registers (or replaces) the renderer of a topic; rendered messages waiting for it are delivered. */
  setRenderer(topic: string, renderer: PushRenderer): void;
  /**
   * The message stops being in force now, on every node: no longer replayed or re-sent, and a fan-out still
   * running stops. Boxes that have it keep it (a cancel is a message of its own). Idempotent; throws
   * `push.bad-publish` for an unknown seq.
   */
  withdraw(seq: number): Promise<void>;
  /** Ends every connection of a device, on any node (on this node only while Redis is down). */
  disconnectDevice(deviceId: string): Promise<void>;
  stats(): PushStats;
  /** With Redis down, push reaches only the boxes of this node (others catch up from the log). */
  health(): PushHealth;
  /** Disconnects the boxes and writes buffered acks; the HTTP server is left to its owner. */
  close(): Promise<void>;
}

const noMessage = () => undefined;

export async function createPushGateway(options: PushGatewayOptions): Promise<PushGateway> {
  const { db } = options;
  const onError = options.onError ?? (() => {});
  const io = new Server<BoxToServerEvents, ServerToBoxEvents, NodeEvents, BoxSocketData>(options.httpServer, {
    // Websocket only: no long-polling, hence no sticky sessions behind a load balancer.
    transports: ['websocket'],
    perMessageDeflate: false,
    serveClient: false,
    // Boxes only send acks.
    maxHttpBufferSize: 64 * 1024,
  });
  let redis: RedisLink | undefined;
  if (options.redis) {
    const { url, keyPrefix, connectTimeoutMs = 2000 } = options.redis;
    redis = await connectRedis({ url, connectTimeoutMs, onError });
    io.adapter(createAdapter(redis.pub, redis.sub, { key: keyPrefix }));
  }
  const nsp: BoxNamespace = io.of(PUSH_NAMESPACE);
  const ledger = new DeliveryLedger();
  const active = new ActiveMessages();
  const renderers = new PushRenderers(options.renderers);
  const peerWrites =
    redis &&
    createPeerWrites({
      peers: async () => (redis?.isUp() ? (await nsp.adapter.serverCount()) - 1 : 0),
      announce: (seq) => {
        if (redis?.isUp()) nsp.serverSideEmit('push:written', seq);
      },
      // A push to 10,000 boxes is out in 0.2–0.3 s; a node that went away mid-push holds acks no longer than this.
      capMs: 500,
    });
  const fanout = createLocalFanout({
    nsp,
    chunkSize: options.chunkSize ?? 1000,
    ledger,
    renderers,
    inForce: (seq) => active.get(seq) !== undefined,
    ...(peerWrites ? { afterWrites: (seq: number) => peerWrites.written(seq) } : {}),
  });
  const acks = createAckBatcher({
    db,
    flushMs: options.ackFlushMs ?? 50,
    maxBatch: options.ackBatchSize ?? 500,
    onPersisted: (count) => ledger.recordPersisted(count),
    onError,
  });

  const deliver = (message: PushMessage) => {
    fanout.deliver(message).catch((err: unknown) => {
      onError(new PushError('internal', `delivery of message ${message.seq} failed`, { cause: err }));
    });
  };
  /** Rendered messages whose topic has no renderer yet (e.g. found in the log before the feature started). */
  const awaitingRenderer: PushMessage[] = [];
  /** Delivers on this node unless this node already did (trigger, catch-up and publish may all bring it). */
  const deliverOnce = (message: PushMessage) => {
    if (!active.add(message)) return;
    if (message.target.kind === 'rendered' && !renderers.has(message.target.topic)) {
      awaitingRenderer.push(message);
      return;
    }
    deliver(message);
  };
  const withdrawHere = (seq: number, expiresAt: string) => active.expireAt(seq, expiresAt);

  const onReplaced = options.onConnectionReplaced ?? (() => {});
  nsp.on('push:published', deliverOnce);
  nsp.on('push:withdrawn', withdrawHere);
  nsp.on('push:written', (seq) => peerWrites?.peerWrote(seq));
  // The older connection of a device may sit on another node (the box came back through another one).
  nsp.on('push:box-connected', (deviceId, connection) => {
    if (endOlderConnections(nsp, deviceId, connection)) onReplaced(deviceId);
  });
  const admission = createHandshakeAdmission(options.handshakesPerSecond ?? 1000);
  serveBoxes({
    nsp,
    authenticate: options.authenticate,
    db,
    active,
    renderers,
    acks,
    ledger,
    admit: () => admission.admit(),
    onReplaced,
    onError,
  });
  nsp.on('connection', (socket) => {
    if (redis?.isUp()) {
      const connection = { id: socket.id, issued: socket.handshake.issued };
      nsp.serverSideEmit('push:box-connected', socket.data.identity.deviceId, connection);
    }
  });
  const sweeper = startResendSweeper({
    nsp,
    active,
    fanout,
    ledger,
    resendAfterMs: options.resendAfterMs ?? 10_000,
    maxResends: options.maxResends ?? 3,
    onError,
  });

  let catchingUp: Promise<void> | undefined;
  const catchUp = (): Promise<void> => {
    catchingUp ??= (async () => {
      active.prune();
      for (const message of await listMessagesInForce(db)) deliverOnce(message);
      // Withdrawals whose trigger this node missed.
      for (const { seq, expiresAt } of await listExpiries(db, active.seqsInForce()))
        withdrawHere(seq, expiresAt);
    })()
      .catch((err: unknown) =>
        onError(new PushError('internal', 'reading the message log failed', { cause: err })),
      )
      .finally(() => {
        catchingUp = undefined;
      });
    return catchingUp;
  };
  // Triggers are already being listened to, so no message falls between this first read and the live stream.
  await catchUp();
  const catchUpTimer = setInterval(catchUp, options.catchUpMs ?? 2000).unref();

  async function publishWithin<T>(
    request: PublishRequest,
    write: (append: (tx: Queryable) => Promise<PushMessage>) => Promise<T>,
  ): Promise<T> {
    const checked = checkPublishRequest(request);
    let message: PushMessage | undefined;
    let onAppended: (appended: PushMessage) => void = () => {};
    const appended = new Promise<PushMessage>((resolve) => {
      onAppended = resolve;
    });
    const writing = write(async (tx) => {
      message = await appendMessage(tx, checked);
      // Until the commit, an ack's write would not see the message.
      acks.hold(message.seq);
      onAppended(message);
      return message;
    });
    // Awaited here, the fan-out starts in this function's async context, not as part of the transaction.
    const first = await Promise.race([appended, writing.then(noMessage, noMessage)]);
    if (first) deliverOnce(first);
    try {
      const result = await writing;
      if (message) acks.release(message.seq, true);
      if (message && redis?.isUp()) nsp.serverSideEmit('push:published', message);
      return result;
    } catch (err) {
      if (message) {
        acks.release(message.seq, false);
        withdrawHere(message.seq, new Date().toISOString());
      }
      throw err;
    }
  }

  return {
    publish: (request) => publishWithin(request, (append) => append(db)),
    publishWithin,
    setRenderer(topic, renderer) {
      renderers.set(topic, renderer);
      const waiting = awaitingRenderer.splice(0);
      for (const message of waiting) {
        if (message.target.kind === 'rendered' && message.target.topic !== topic)
          awaitingRenderer.push(message);
        else if (active.get(message.seq)) deliver(message);
      }
    },
    async withdraw(seq) {
      const expiresAt = await withdrawMessage(db, seq);
      if (expiresAt === undefined) throw new PushError('push.bad-publish', `no push message ${seq}`);
      if (redis?.isUp()) nsp.serverSideEmit('push:withdrawn', seq, expiresAt);
      withdrawHere(seq, expiresAt);
    },
    async disconnectDevice(deviceId) {
      nsp.local.in(deviceRoom(deviceId)).disconnectSockets(true);
      if (redis?.isUp()) nsp.in(deviceRoom(deviceId)).disconnectSockets(true);
    },
    stats() {
      const { sent, acked, pending, resent } = ledger;
      return { connected: nsp.sockets.size, sent, acked, pending, resent };
    },
    health() {
      return redis ? { adapter: 'redis', redis: redis.isUp() ? 'up' : 'down' } : { adapter: 'memory' };
    },
    async close() {
      clearInterval(catchUpTimer);
      sweeper.stop();
      nsp.local.disconnectSockets(true);
      await catchingUp;
      await acks.flush();
      await nsp.adapter.close();
      io.engine.close();
      await redis?.close();
    },
  };
}
