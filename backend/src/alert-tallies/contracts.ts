// Wire contracts of the alert tallies: what a box reports on an alert (POST /alert-responses, called by the
// bridge, which imports these types) and what the dashboard reads (the ops alert routes). Schema and type are
// one declaration; names as agreed in /work/notes/alerts-contract.md.
import { z } from '@hono/zod-openapi';

export const alertAnswers = ['safe', 'evacuating', 'at-shelter', 'need-help'] as const;
/** The colour buttons: 無事 / 避難中 / 避難所にいる / 助けが必要. */
export type AlertAnswer = (typeof alertAnswers)[number];

export const alertResponseInputSchema = z
  .strictObject({
    /** The push message's seq (PushMessage.seq) of the alert the box showed. */
    seq: z.number().int().positive(),
    /** When the box first showed it. */
    shownAt: z.iso.datetime({ offset: true }).optional(),
    answer: z.enum(alertAnswers).optional(),
    /** When the viewer answered; the arrival time when absent. */
    answeredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((body) => body.shownAt !== undefined || body.answer !== undefined, {
    message: 'give shownAt, answer or both',
  })
  .refine((body) => body.answeredAt === undefined || body.answer !== undefined, {
    message: 'answeredAt needs an answer',
    path: ['answeredAt'],
  })
  .openapi('AlertResponseInput');
export type AlertResponseInput = z.input<typeof alertResponseInputSchema>;

/** The household's standing for the alert's thread after this report (idempotent: the same report again
 * gives the same body). */
export const alertResponseSchema = z
  .object({
    seq: z.number().int(),
    thread: z.string(),
    shownAt: z.string().nullable(),
    answer: z.enum(alertAnswers).nullable(),
    answeredAt: z.string().nullable(),
  })
  .openapi('AlertResponse');
export type AlertResponse = z.infer<typeof alertResponseSchema>;

/** Delivery and answers among the targeted households (a household counts once, however many boxes). */
export const alertCountsSchema = z
  .object({
    targeted: z.number().int(),
    /** A box of the household acknowledged the push message. */
    acknowledged: z.number().int(),
    shown: z.number().int(),
    answered: z.number().int(),
    safe: z.number().int(),
    evacuating: z.number().int(),
    atShelter: z.number().int(),
    needHelp: z.number().int(),
  })
  .openapi('AlertCounts');
export type AlertCounts = z.infer<typeof alertCountsSchema>;

export const alertSummarySchema = z
  .object({
    id: z.uuid(),
    thread: z.string(),
    sender: z.string(),
    identifier: z.string(),
    sent: z.string(),
    status: z.string(),
    msgType: z.string(),
    /** in-force | superseded | withdrawn | expired | not-for-viewers | ignored */
    state: z.string(),
    level: z.number().int().nullable(),
    event: z.string().nullable(),
    headline: z.string().nullable(),
    source: z.string(),
    receivedAt: z.string(),
    expiresAt: z.string().nullable(),
    /** The push message, once dispatched. */
    pushSeq: z.number().int().nullable(),
    counts: alertCountsSchema,
  })
  .openapi('AlertSummary');
export type AlertSummary = z.infer<typeof alertSummarySchema>;

export const alertListSchema = z.object({ alerts: z.array(alertSummarySchema) }).openapi('AlertList');
export type AlertList = z.infer<typeof alertListSchema>;

export const areaCountsSchema = z
  .object({
    localGovernmentCode: z.string(),
    /** 町字ID (7 digits); null for the municipality's total. */
    machiazaId: z.string().nullable(),
    /** The municipality's or the 町字's name (area_names); null where none is known. */
    name: z.string().nullable(),
    counts: alertCountsSchema,
  })
  .openapi('AlertAreaCounts');
export type AreaCounts = z.infer<typeof areaCountsSchema>;

export const shelterCountsSchema = z
  .object({
    /** null: households given no place (none open with room, or a supporter outside the area). */
    shelterId: z.string().nullable(),
    name: z.string().nullable(),
    counts: alertCountsSchema,
  })
  .openapi('AlertShelterCounts');
export type ShelterCounts = z.infer<typeof shelterCountsSchema>;

export const alertDetailSchema = z
  .object({
    alert: alertSummarySchema,
    description: z.string().nullable(),
    instruction: z.string().nullable(),
    /** The areas as the alert names them (desc), for the page's heading. */
    areaNames: z.array(z.string()),
    areas: z.array(areaCountsSchema),
    shelters: z.array(shelterCountsSchema),
  })
  .openapi('AlertDetail');
export type AlertDetail = z.infer<typeof alertDetailSchema>;

/** Where a household stands on the map, furthest along first. */
export const householdStates = [
  'need-help',
  'safe',
  'evacuating',
  'at-shelter',
  'shown',
  'acknowledged',
  'not-reached',
] as const;
export type HouseholdState = (typeof householdStates)[number];

const position = z.array(z.number()).length(2).openapi({ description: '[longitude, latitude] (GeoJSON)' });
const feature = <G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) =>
  z.object({ type: z.literal('Feature'), geometry, properties });

const areaFeature = feature(
  z.union([
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
    z.object({ type: z.literal('Point'), coordinates: position }),
  ]),
  z.object({
    layer: z.literal('area'),
    desc: z.string(),
    /** Set for a circle: the point is its centre. */
    radiusKm: z.number().nullable(),
  }),
);
const householdFeature = feature(
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ layer: z.literal('household'), state: z.enum(householdStates) }),
);
const shelterFeature = feature(
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ layer: z.literal('shelter'), id: z.string(), name: z.string(), assigned: z.number().int() }),
);

/** GeoJSON FeatureCollection: the alert's polygons and circles, the targeted households (a state, nothing
 * personal), the shelters of the municipalities reached with how many households were sent to each. */
export const alertMapSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.union([areaFeature, householdFeature, shelterFeature])),
    /** Geocoded areas (municipality or 町字 codes), which have no shape on the map. */
    geocodes: z.array(z.object({ name: z.string(), value: z.string() })),
  })
  .openapi('AlertMap');
export type AlertMap = z.infer<typeof alertMapSchema>;

export const needsAssistanceSchema = z
  .object({
    householdId: z.uuid(),
    address: z.string(),
    /** The members needing help first. */
    members: z.array(z.object({ name: z.string(), needsAssistance: z.boolean() })),
    localGovernmentCode: z.string(),
    machiazaId: z.string().nullable(),
    shelterName: z.string().nullable(),
    acknowledged: z.boolean(),
    shownAt: z.string().nullable(),
    /** A box of the household reported remote key presses from the alert's hour on (watch-over counts):
     * false with no answer is the household to reach first. */
    tvActivity: z.boolean(),
  })
  .openapi('AlertNeedsAssistance');
export type NeedsAssistance = z.infer<typeof needsAssistanceSchema>;

export const needsAssistanceListSchema = z
  .object({ households: z.array(needsAssistanceSchema) })
  .openapi('AlertNeedsAssistanceList');
export type NeedsAssistanceList = z.infer<typeof needsAssistanceListSchema>;
