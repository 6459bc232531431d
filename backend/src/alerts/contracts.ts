// Wire contracts of the alert ingest routes: the answer of POST /alerts and of the compose form, and the form.
import { z } from '@hono/zod-openapi';
import { alertStates } from './alert-records.ts';

export const alertContentTypes = ['application/cap+xml', 'application/xml'] as const;

export const ingestAnswerSchema = z
  .object({
    id: z.uuid(),
    thread: z.uuid().describe('The same for an alert, its Updates and its Cancel'),
    outcome: z
      .string()
      .describe(
        'What the message did to its thread on arrival: new, updated, cancelled, cancel-unknown, superseded, withdrawn, ignored',
      ),
    state: z.enum(alertStates),
    targeted: z.number().int().min(0).describe('Households the alert (or the Cancel) was sent to'),
    pushSeq: z.number().int().nullable(),
  })
  .openapi('AlertIngestAnswer');

// Control characters (other than tab, newline, return) and lone surrogates cannot be written in XML 1.0.
function isXmlText(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) return false;
  }
  return true;
}
const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(isXmlText, { error: 'contains characters XML cannot carry' });

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const composeAreaSchema = z.union([
  z.strictObject({ localGovernmentCode: z.string().regex(/^[0-9]{6}$/) }),
  z.strictObject({
    machiazaIds: z
      .array(z.string().regex(/^[0-9]{12}$/))
      .min(1)
      .max(1000),
  }),
  z.strictObject({
    polygon: z
      .array(z.tuple([latitude, longitude]))
      .min(3)
      .max(1000)
      .describe('[lat, lon] points (CAP order); closed if the last point is not the first'),
  }),
]);

export const composeAlertSchema = z
  .strictObject({
    status: z
      .enum(['Exercise', 'Test'])
      .describe('Exercise is shown as 訓練; Test is never shown to viewers'),
    level: z.union([z.literal(3), z.literal(4), z.literal(5)]),
    event: text(60).describe('e.g. 洪水, 土砂災害'),
    headline: text(160),
    description: text(2000).optional(),
    instruction: text(2000).optional(),
    area: composeAreaSchema,
    expiresMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
  })
  .openapi('AlertComposeForm');

export type ComposeAlertForm = z.infer<typeof composeAlertSchema>;
