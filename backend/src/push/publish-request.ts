// What a later feature hands the gateway to push a message, checked before anything is stored.
import { z } from 'zod';
import { type JsonValue, type PushTarget, pushTargetSchema } from './contracts.ts';
import { PushError } from './push-error.ts';

const publishRequestSchema = z
  .object({
    target: pushTargetSchema,
    payload: z.json(),
    /** When the message stops being in force: boxes that connect later no longer get it. */
    expiresAt: z.date().optional(),
    /** Alternative to `expiresAt`: milliseconds from now. */
    ttlMs: z.number().int().positive().optional(),
  })
  .refine(
    (r) => (r.expiresAt === undefined) !== (r.ttlMs === undefined),
    'give exactly one of expiresAt and ttlMs',
  );

export type PublishRequest = z.input<typeof publishRequestSchema>;

export interface CheckedPublish {
  target: PushTarget;
  payload: JsonValue;
  expiresAt: Date;
}

/** Validates a publish request and settles its expiry; throws PushError 'push.bad-publish'. */
export function checkPublishRequest(request: PublishRequest, now = Date.now()): CheckedPublish {
  const parsed = publishRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new PushError('push.bad-publish', z.prettifyError(parsed.error), { cause: parsed.error });
  }
  const { target, payload, expiresAt, ttlMs } = parsed.data;
  const expiry = expiresAt ?? new Date(now + (ttlMs ?? 0));
  if (expiry.getTime() <= now) throw new PushError('push.bad-publish', 'expiresAt is not in the future');
  return { target, payload: payload as JsonValue, expiresAt: expiry };
}
