// Serves the development JPKI's HTTP face (OCSP + CRLs) on a local port with @hono/node-server.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { DevPki } from './dev-pki.ts';
import { createDevPkiApp } from './dev-pki-app.ts';

export interface DevPkiServer {
  /** e.g. `http://127.0.0.1:8081`; OCSP at `${url}/ocsp`, CRLs at `${url}/sign.crl`. */
  url: string;
  close(): Promise<void>;
}

/** Port 0 picks a free port (tests). Listens on loopback unless told otherwise. */
export function startDevPkiServer(options: {
  pki: DevPki;
  port?: number;
  host?: string;
}): Promise<DevPkiServer> {
  const { pki, port = 8081, host = '127.0.0.1' } = options;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: createDevPkiApp(pki).fetch, port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', reject);
  });
}
