// Every capability builds its routes on a router from here, so they share the environment type and the
// validation hook (schema failures become RequestErrors).
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { validationHook } from './error-response.ts';

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
