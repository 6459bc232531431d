// Wire contracts of watch-over (見守り): what a box reports (key presses per hour, counts only; the bridge
// imports the types), the household's consent as municipality staff record it, and the notices raised for
// quiet households. Schema and type are one declaration.
import { z } from '@hono/zod-openapi';

/** Most presses one box can make in an hour (10 a second): more is a broken counter, not a viewer. */
export const maxPressesPerHour = 36_000;
/** Most お変わりありませんか answers in an hour (the TV asks at most a few times a day). */
export const maxAnswersPerHour = 100;
/** How far back a box may report (it keeps unsent hours on disk while the backend is unreachable). */
export const activityReportDays = 14;

export const activityHourSchema = z
  .strictObject({
    /** The start of the hour (UTC offset any; minutes, seconds and milliseconds zero). */
    hour: z.iso.datetime({ offset: true }),
    /** Remote key presses in the hour so far (a running count: a later report of the hour raises it). */
    presses: z.number().int().min(0).max(maxPressesPerHour),
    /** お変わりありませんか answered in the hour (any answer counts as activity). */
    answers: z.number().int().min(0).max(maxAnswersPerHour).default(0),
  })
  .openapi('WatchOverActivityHour');
export type ActivityHour = z.input<typeof activityHourSchema>;

export const activityReportSchema = z
  .strictObject({
    /** The reporting box: must be the one whose credential sends the report. */
    deviceId: z.uuid(),
    /** Empty: only ask for the schedule. */
    hours: z.array(activityHourSchema).max(24 * activityReportDays),
  })
  .openapi('WatchOverActivityReport');
export type ActivityReport = z.input<typeof activityReportSchema>;

const askTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (Japan time)');

/** What the box needs to know: whether its household is watched over and when the TV asks. */
export const watchOverScheduleSchema = z
  .object({
    enrolled: z.boolean(),
    /** 'HH:MM' in Japan time, earliest first; empty when the household chose no asking. */
    askTimes: z.array(askTime),
  })
  .openapi('WatchOverSchedule');
export type WatchOverSchedule = z.infer<typeof watchOverScheduleSchema>;

/** The answer to an activity report: how many hours were taken, and the schedule. */
export const activityReceiptSchema = z
  .object({ accepted: z.number().int(), schedule: watchOverScheduleSchema })
  .openapi('WatchOverActivityReceipt');
export type ActivityReceipt = z.infer<typeof activityReceiptSchema>;

export const contactSchema = z
  .union([
    z.strictObject({ residentId: z.uuid() }),
    z.strictObject({
      name: z.string().trim().min(1).max(100),
      phone: z.string().regex(/^\+?[0-9][0-9-]{4,19}$/, 'must be a phone number (digits and hyphens)'),
      /** e.g. 長女, 民生委員 */
      relation: z.string().trim().min(1).max(40).optional(),
    }),
  ])
  .openapi('WatchOverContact');
export type WatchOverContact = z.infer<typeof contactSchema>;

export const consentInputSchema = z
  .strictObject({
    /** Who agreed, as on the consent form (a member of the household, or the person acting for them). */
    agreedBy: z.string().trim().min(1).max(100),
    /** Hours without activity before a notice; the server's WATCH_OVER_QUIET_HOURS when absent. */
    quietHours: z.number().int().min(1).max(168).optional(),
    askTimes: z
      .array(askTime)
      .max(4)
      .default([])
      .refine((times) => new Set(times).size === times.length, 'ask times must differ'),
    /** Registered residents get a mailbox notice; entries with a phone number are called by the municipality. */
    contacts: z.array(contactSchema).min(1).max(5),
  })
  .openapi('WatchOverConsentInput');
export type ConsentInput = z.input<typeof consentInputSchema>;

export const consentSchema = z
  .object({
    householdId: z.uuid(),
    agreedBy: z.string(),
    quietHours: z.number().int(),
    askTimes: z.array(z.string()),
    contacts: z.array(contactSchema),
    agreedAt: z.string(),
    withdrawnAt: z.string().nullable(),
  })
  .openapi('WatchOverConsent');
export type Consent = z.infer<typeof consentSchema>;

/** A quiet household on the municipality's list (personal data: reading it is audited). */
export const quietNoticeSchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    address: z.string(),
    members: z.array(z.string()),
    localGovernmentCode: z.string(),
    contacts: z.array(contactSchema),
    /** The last activity (or the consent, when later): the start of the quiet period. */
    quietSince: z.string(),
    raisedAt: z.string(),
    /** Activity came back; null while the household is still quiet. */
    resolvedAt: z.string().nullable(),
  })
  .openapi('WatchOverQuietNotice');
export type QuietNotice = z.infer<typeof quietNoticeSchema>;

export const quietNoticeListSchema = z
  .object({ notices: z.array(quietNoticeSchema) })
  .openapi('WatchOverQuietNoticeList');
export type QuietNoticeList = z.infer<typeof quietNoticeListSchema>;

/** A household found by address or member name, to record its consent (personal data: each search audited). */
export const householdMatchSchema = z
  .object({
    householdId: z.uuid(),
    address: z.string(),
    members: z.array(z.string()),
    /** Where its consent stands: none recorded, agreed (watched over), or withdrawn. */
    consent: z.enum(['none', 'agreed', 'withdrawn']),
  })
  .openapi('WatchOverHouseholdMatch');
export type HouseholdMatch = z.infer<typeof householdMatchSchema>;

export const householdMatchListSchema = z
  .object({ households: z.array(householdMatchSchema) })
  .openapi('WatchOverHouseholdMatchList');
