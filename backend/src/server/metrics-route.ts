// GET /metrics for Prometheus. Passes the general authentication (http/public-routes.ts) and checks its own
// credential, `Authorization: Bearer …`, which is either the scrape token METRICS_TOKEN (a scraper has no
// session; its token never expires) or the session token of an operator-admin (a person looking).
import type { Handler } from 'hono';
import {
  AuthError,
  authenticateOperator,
  hashSecret,
  type SessionPolicy,
  secretMatches,
} from '../accounts/index.ts';
import type { Queryable } from '../db/index.ts';
import type { AppEnv } from '../http/index.ts';
import { metricsContentType } from '../observability/index.ts';

export interface MetricsRouteOptions {
  render: () => string;
  /** METRICS_TOKEN; undefined: operator-admin sessions only. */
  token: string | undefined;
  db: Queryable;
  clock: () => Date;
  operatorSession: SessionPolicy;
}

export function metricsHandler(options: MetricsRouteOptions): Handler<AppEnv> {
  const tokenHash = options.token === undefined ? undefined : hashSecret(options.token);
  return async (c) => {
    const presented = /^Bearer ([\x21-\x7e]{1,512})$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (presented === undefined) {
      throw new AuthError('auth.required', 'send the scrape token or an operator-admin session as Bearer');
    }
    if (tokenHash === undefined || !secretMatches(presented, tokenHash)) {
      const { account } = await authenticateOperator(options.db, {
        token: presented,
        now: options.clock(),
        policy: options.operatorSession,
      });
      if (account.role !== 'operator-admin') {
        throw new AuthError('auth.forbidden', `role ${account.role} may not read the metrics`);
      }
    }
    return c.body(options.render(), 200, { 'content-type': metricsContentType });
  };
}
