// One backend node as the push tests need it: Hono (GET /health) and the push gateway on one port.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createPushGateway, type PushGateway, type PushGatewayOptions } from '@myna-tv/backend';
import { Hono } from 'hono';

export interface PushNode {
  url: string;
  port: number;
  gateway: PushGateway;
  close(): Promise<void>;
}

export async function startPushNode(
  options: Omit<PushGatewayOptions, 'httpServer'> & { port?: number },
): Promise<PushNode> {
  const { port: wanted = 0, ...gatewayOptions } = options;
  const app = new Hono().get('/health', (c) => c.json({ push: gateway.health() }));
  const server = serve({ fetch: app.fetch, port: wanted, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const gateway: PushGateway = await createPushGateway({ ...gatewayOptions, httpServer: server });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    gateway,
    async close() {
      await gateway.close();
      const closed = new Promise((resolve) => server.close(resolve));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
    },
  };
}
