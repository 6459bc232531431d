// Building blocks of route declarations, so every route documents bodies and errors the same way.
import type { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBodySchema } from './error-response.ts';

/** A required JSON request body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { content: { 'application/json': { schema } }, required: true };
}

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { content: { 'application/json': { schema } }, description };
}

/** The error responses a route can give, all in the one error shape. */
export function errorResponses(...statuses: ContentfulStatusCode[]) {
  const response = { description: 'Error', content: { 'application/json': { schema: errorBodySchema } } };
  return Object.fromEntries(statuses.map((status) => [status, response])) as Record<number, typeof response>;
}
