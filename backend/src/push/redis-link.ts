// The two Redis connections of the socket.io Redis adapter (publish, subscribe) and whether they are up.
import { createClient } from 'redis';
import { PushError } from './push-error.ts';

function createClients(url: string) {
  const pub = createClient({ url });
  return { pub, sub: pub.duplicate() };
}
type Clients = ReturnType<typeof createClients>;

export interface RedisLink {
  pub: Clients['pub'];
  sub: Clients['sub'];
  isUp(): boolean;
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  url: string;
  /** How long start-up waits for Redis before going on without it (degraded: local delivery only). */
  connectTimeoutMs: number;
  onError: (error: PushError) => void;
}

/**
 * Connects both clients; they keep reconnecting on their own. The adapter calls Redis without awaiting (publish,
 * subscribe), so while Redis is down those calls would reject with nobody listening and end the process: the
 * clients handed out report such rejections to `onError` instead.
 */
export async function connectRedis(options: RedisLinkOptions): Promise<RedisLink> {
  const { pub: raw, sub: rawSub } = createClients(options.url);
  let wasUp = false;
  let closing = false;
  const isUp = () => raw.isReady && rawSub.isReady;
  const onClientError = (err: unknown) => {
    // The clients emit on every failed reconnect attempt; one report per outage is enough.
    if (!wasUp || closing) return;
    wasUp = false;
    options.onError(
      new PushError('internal', 'Redis connection lost: push reaches only this node', { cause: err }),
    );
  };
  for (const client of [raw, rawSub]) {
    client.on('error', onClientError);
    client.on('ready', () => {
      wasUp = isUp();
    });
  }
  const connecting = Promise.all([raw.connect(), rawSub.connect()]).catch(onClientError);
  await Promise.race([
    connecting,
    new Promise((resolve) => setTimeout(resolve, options.connectTimeoutMs).unref()),
  ]);
  wasUp = isUp();
  if (!wasUp)
    options.onError(new PushError('internal', 'Redis not reachable at start: push reaches only this node'));
  const report = (err: unknown) => {
    if (!closing) options.onError(new PushError('internal', 'Redis command failed', { cause: err }));
  };
  return {
    pub: guardRejections(raw, report),
    sub: guardRejections(rawSub, report),
    isUp,
    close() {
      closing = true;
      // destroy(), not close(): close() would wait for a Redis that may be gone.
      raw.destroy();
      rawSub.destroy();
      return Promise.resolve();
    },
  };
}

/** The same client, whose methods' promises are never left rejected without a handler. */
function guardRejections<C extends object>(client: C, report: (err: unknown) => void): C {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(report);
        return result;
      };
    },
  });
}
