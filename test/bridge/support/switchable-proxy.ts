// A TCP relay in front of the backend that can be switched off and on, so the bridge meets a backend that cannot
// be reached (connections refused, open ones cut, the push link too) and then comes back on the same address.
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface SwitchableProxy {
  /** `http://127.0.0.1:<port>`: give this to the bridge as the backend URL. */
  url: string;
  /** Refuses new connections and cuts the open ones. */
  down(): Promise<void>;
  /** Accepts connections again, on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const open = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = connect(Number(targetPort), hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };
  let server: Server | undefined;
  let port = 0;
  const up = async () => {
    if (server) return;
    server = createServer(relay);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  };
  const down = async () => {
    const stopping = server;
    server = undefined;
    if (!stopping) return;
    const closed = new Promise<void>((resolve) => stopping.close(() => resolve()));
    for (const socket of open) socket.destroy();
    await closed;
  };
  await up();
  return { url: `http://127.0.0.1:${port}`, up, down, close: down };
}
