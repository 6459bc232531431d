// Which pushed messages are disaster alerts: those whose payload is an AlertPayload (disaster/src/messages),
// checked here because a payload is data from the network. A Test alert is recognised as an alert so that it is
// kept away from the TV app everywhere (the backend never composes one; the box makes sure).
import type { PushMessage } from '@myna-tv/backend';
import type { AlertPayload } from '@myna-tv/disaster';
import { z } from 'zod';

const text = z.looseObject({ title: z.string(), action: z.string(), place: z.string().nullable() });

// Loose objects: fields added to the payload later (it is versioned by adding) pass through untouched.
const alertPayloadSchema = z.looseObject({
  v: z.literal(1),
  alert: z.looseObject({
    identifier: z.string(),
    sender: z.string(),
    sent: z.string(),
    expires: z.string().nullable(),
  }),
  thread: z.string().min(1),
  status: z.enum(['Actual', 'Exercise', 'Test']),
  kind: z.enum(['issue', 'lift', 'cancel']),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable(),
  role: z.enum(['resident', 'supporter']),
  priority: z.boolean(),
  shelter: z
    .looseObject({
      id: z.string(),
      name: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      distanceMetres: z.number(),
      direction: z.enum(['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']),
      welfare: z.boolean(),
    })
    .nullable(),
  ja: text,
  en: text.optional(),
});

export type AlertReading =
  | { kind: 'alert'; payload: AlertPayload }
  /** An alert with status Test: never shown, never listed. */
  | { kind: 'test' }
  | { kind: 'other' };

export function readAlert(message: PushMessage): AlertReading {
  const parsed = alertPayloadSchema.safeParse(message.payload);
  if (!parsed.success) return { kind: 'other' };
  if (parsed.data.status === 'Test') return { kind: 'test' };
  return { kind: 'alert', payload: parsed.data as AlertPayload };
}

/** Alerts (Test ones included) go through the alert routes only, never the plain message list or event. */
export function isAlertMessage(message: PushMessage): boolean {
  return readAlert(message).kind !== 'other';
}

/** When the message stops being in force: the push expiry, or the alert's own if earlier. */
export function alertExpiry(message: PushMessage, payload: AlertPayload): number {
  const pushed = Date.parse(message.expiresAt);
  const own = payload.alert.expires === null ? Number.NaN : Date.parse(payload.alert.expires);
  return Number.isNaN(own) ? pushed : Math.min(pushed, own);
}
