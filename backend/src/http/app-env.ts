// The Hono environment of every route: what middleware puts on the context for handlers to read.
import type { Principal } from './principal.ts';

export interface AppEnv {
  Variables: {
    /** Set by requestId() for every request; echoed in the X-Request-Id response header. */
    requestId: string;
    /** Set by authenticate() on every non-public route; absent only on the public list. */
    principal: Principal;
  };
}
