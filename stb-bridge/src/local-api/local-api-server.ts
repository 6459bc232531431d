// Serves the local API on the loopback interface only. The address is fixed here, not configurable: the card
// must never be reachable from the network.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { LocalApi } from './local-api-app.ts';

export const LOCAL_API_HOST = '127.0.0.1';
const CLOSE_GRACE_MS = 2000;

export interface LocalApiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0: any free port). */
export async function serveLocalApi(
  app: Pick<LocalApi, 'fetch'>,
  options: { port: number },
): Promise<LocalApiServer> {
  // Plain HTTP/1.1 (no `createServer` option), so it is a node:http Server.
  const server = serve({ fetch: app.fetch, port: options.port, hostname: LOCAL_API_HOST }) as Server;
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOCAL_API_HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Event streams end on their own once the bridge's shutdown signal fires; a connection still open
        // after the grace period is cut.
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
