// For the gateway's tests: a node (Hono + the gateway on an ephemeral port), devices with credentials, and a
// plain socket.io box. Not part of the public surface.
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { io, type Socket } from 'socket.io-client';
import type { Database } from '../db/index.ts';
import type { DeviceIdentity } from '../devices/index.ts';
import type { AuthenticateBox } from './box-connection.ts';
import type {
  Acknowledgement,
  BoxToServerEvents,
  PushAck,
  PushMessage,
  ServerToBoxEvents,
} from './contracts.ts';
import { createPushGateway, type PushGateway, type PushGatewayOptions } from './push-gateway.ts';

export interface PushNode {
  url: string;
  gateway: PushGateway;
  close(): Promise<void>;
}

/** Hono and the gateway on one ephemeral port, as the composition root does it. */
export async function startPushNode(options: Omit<PushGatewayOptions, 'httpServer'>): Promise<PushNode> {
  const app = new Hono().get('/health', (c) => c.json({ push: gateway.health() }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const gateway: PushGateway = await createPushGateway({ ...options, httpServer: server });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    gateway,
    async close() {
      await gateway.close();
      const closed = new Promise((resolve) => server.close(resolve));
      // Idle keep-alive connections (fetch) would hold close() for seconds.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    },
  };
}

export interface TestCredential {
  deviceId: string;
  secret: string;
}

/** Devices known to the test's `authenticate`; revoked ones are refused. */
export class TestDevices {
  readonly #devices = new Map<string, DeviceIdentity & { secret: string; revoked: boolean }>();

  add(place: { householdId?: string; areaCodes: string[] }): TestCredential {
    const deviceId = randomUUID();
    const secret = randomBytes(16).toString('hex');
    const householdId = place.householdId ?? randomUUID();
    this.#devices.set(deviceId, {
      deviceId,
      householdId,
      areaCodes: place.areaCodes,
      secret,
      revoked: false,
    });
    return { deviceId, secret };
  }

  householdOf(deviceId: string): string {
    const device = this.#devices.get(deviceId);
    if (!device) throw new Error(`no test device ${deviceId}`);
    return device.householdId;
  }

  revoke(deviceId: string): void {
    const device = this.#devices.get(deviceId);
    if (device) device.revoked = true;
  }

  readonly authenticate: AuthenticateBox = async ({ deviceId, secret }) => {
    const device = this.#devices.get(deviceId);
    if (!device || device.secret !== secret || device.revoked) throw new Error('unknown or revoked device');
    return { deviceId: device.deviceId, householdId: device.householdId, areaCodes: device.areaCodes };
  };
}

/** A box as the gateway sees it: records what it receives and, unless told otherwise, acks it at once. */
export class TestBox {
  readonly received: PushMessage[] = [];
  readonly socket: Socket<ServerToBoxEvents, BoxToServerEvents>;

  constructor(
    url: string,
    credential: TestCredential,
    options: { lastSeq?: number; autoAck?: boolean } = {},
  ) {
    this.socket = io(`${url}/stb`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { ...credential, lastSeq: options.lastSeq ?? 0 },
    });
    this.socket.on('push:message', (message) => {
      this.received.push(message);
      if (options.autoAck ?? true) this.socket.emit('push:ack', { seq: message.seq });
    });
  }

  /** Resolves on connect; rejects with the server's refusal code. */
  async connected(): Promise<this> {
    if (this.socket.connected) return this;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('connect_error', reject);
    });
    return this;
  }

  seqs(): number[] {
    return this.received.map((m) => m.seq);
  }

  ack(seq: number): Promise<Acknowledgement<PushAck>> {
    return new Promise((resolve) => this.socket.emit('push:ack', { seq }, resolve));
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function deliveryCount(db: Database, seq: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM push_delivery WHERE seq = $1', [
    seq,
  ]);
  return row?.n ?? 0;
}
