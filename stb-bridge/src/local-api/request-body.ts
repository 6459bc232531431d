// Reads a JSON body against its schema. Messages name the fields at fault, never their values: the bodies hold
// PINs and passwords, and JSON.parse's own message would quote them.
import type { Context } from 'hono';
import type { z } from 'zod';
import { LocalApiError } from './local-api-error.ts';

export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new LocalApiError('request.invalid', 'the body must be JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
    throw new LocalApiError('request.invalid', `invalid or missing field(s): ${fields.join(', ')}`);
  }
  return result.data;
}
