// The node HTTP server of a backend process (@hono/node-server), with what a graceful stop needs: it counts
// the requests in flight, and stops in steps the composition root interleaves with its own (push, database).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

export interface HttpServer {
  /** The node server (socket.io attaches to it). */
  server: Server;
  listen(options: { host: string; port: number }): Promise<string>;
  /** Stops accepting connections; idle keep-alive connections are closed as they become idle. */
  stopAccepting(): void;
  /** Resolves true when no request is in flight, false if `deadlineMs` passed first. */
  drain(deadlineMs: number): Promise<boolean>;
  /** Ends every connection left (after the drain, or its deadline) and resolves when the server is closed. */
  closeAll(): Promise<void>;
}

const pollMs = 25;

/** The fetch handler of @hono/node-server: the request and the node bindings (for getConnInfo). */
export type NodeFetch = Parameters<typeof createAdaptorServer>[0]['fetch'];

export function createHttpServer(fetch: NodeFetch): HttpServer {
  const server = createAdaptorServer({ fetch }) as Server;
  let inFlight = 0;
  server.on('request', (_request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
    });
  });
  let closed: Promise<void> | undefined;
  return {
    server,
    async listen({ host, port }) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return urlOf(server.address() as AddressInfo);
    },
    stopAccepting() {
      closed ??= new Promise((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
    },
    async drain(deadlineMs) {
      const deadline = Date.now() + deadlineMs;
      while (inFlight > 0 && Date.now() < deadline) {
        // A keep-alive connection whose request just finished is idle now: close it before it brings another.
        server.closeIdleConnections();
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      return inFlight === 0;
    },
    async closeAll() {
      closed ??= new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A URL this host can use to reach the server (a wildcard address is reached through loopback). */
function urlOf(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0'
      ? '127.0.0.1'
      : address.address === '::'
        ? '[::1]'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
  return `http://${host}:${address.port}`;
}
