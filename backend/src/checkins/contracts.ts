// Wire contract of shelter check-in: the events a shelter terminal journals offline and sends in order, and
// the backend's answer. The backend owns it; stb-bridge (shelter mode) imports the types. Schema and type are
// one declaration. No My Number and no basic four items travel here: a card is named by its user-auth
// certificate (which carries none), a person without a card by the name staff typed.
import { z } from '@hono/zod-openapi';

/** Most events in one POST; the terminal sends its journal in batches of this size or fewer. */
export const maxEventsPerBatch = 1000;

const shelterId = z.string().regex(/^E[0-9]{13}$/, 'a 共通ID like E3638700058111');

/**
 * The terminal's offline check of the card's user-auth certificate against its cached CA certificates and
 * last CRL: 'valid', 'revoked' (on that CRL), 'expired', 'untrusted' (no cached CA issued it).
 */
export const cardCheckResults = ['valid', 'revoked', 'expired', 'untrusted'] as const;
export type CardCheckResult = (typeof cardCheckResults)[number];

export const cardPersonSchema = z
  .strictObject({
    kind: z.literal('card'),
    /** SHA-256 of the user-auth certificate's DER (hex): how a registered resident is found again. */
    certificateFingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case SHA-256 hex'),
    certificateNotAfter: z.iso.datetime({ offset: true }),
    /** The certificate's serial (upper-case hex, no leading zeros): the backend checks it on its current CRL. */
    certificateSerial: z
      .string()
      .regex(/^[0-9A-F]{1,40}$/)
      .optional(),
    check: z.enum(cardCheckResults),
    /** Age of the CRL the check used when it was made, seconds; null: no CRL cached. */
    crlAgeSeconds: z.number().int().min(0).nullable(),
    /** The holder typed the PIN and the card signed the terminal's challenge (proof of presence). */
    pinVerified: z.boolean(),
  })
  .openapi('ShelterCardPerson');

/** Someone without a card, introduced by a 'manual-person' event of the same terminal. */
export const manualPersonSchema = z
  .strictObject({ kind: z.literal('manual'), personId: z.uuid() })
  .openapi('ShelterManualPerson');

export const personRefSchema = z.discriminatedUnion('kind', [cardPersonSchema, manualPersonSchema]);
export type PersonRef = z.infer<typeof personRefSchema>;

export const ageGroups = ['infant', 'child', 'adult', 'elderly'] as const;
export const noteTopics = ['medicine', 'allergy', 'pet', 'car-stay', 'care', 'other'] as const;

const common = {
  /** Made by the terminal (UUID v4): sending an event twice changes nothing. */
  id: z.uuid(),
  /** 1, 2, 3, … per terminal, without gaps: the order of the terminal's journal. */
  seq: z.number().int().min(1),
  /** The terminal's clock (may be wrong: the backend keeps its own receipt time beside it). */
  at: z.iso.datetime({ offset: true }),
};

export const shelterEventSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      ...common,
      type: z.literal('check-in'),
      person: personRefSchema,
      /** Members of one household checking in together share a group id made by the terminal. */
      groupId: z.uuid().nullable(),
    }),
    z.strictObject({ ...common, type: z.literal('check-out'), person: personRefSchema }),
    z.strictObject({ ...common, type: z.literal('move'), person: personRefSchema, toShelterId: shelterId }),
    /** Puts a person already checked in into a household group. */
    z.strictObject({ ...common, type: z.literal('household'), person: personRefSchema, groupId: z.uuid() }),
    /** A person without a card entered by hand, to be matched to a resident later. */
    z.strictObject({
      ...common,
      type: z.literal('manual-person'),
      personId: z.uuid(),
      name: z.string().trim().min(1).max(100),
      ageGroup: z.enum(ageGroups),
      needsAssistance: z.boolean(),
    }),
    /** A need (medicine, allergy, pets, car stay …), recorded only with the person's consent. */
    z.strictObject({
      ...common,
      type: z.literal('note'),
      person: personRefSchema,
      topic: z.enum(noteTopics),
      text: z.string().trim().min(1).max(500),
      consent: z.literal(true),
    }),
  ])
  .openapi('ShelterEvent');
export type ShelterEvent = z.infer<typeof shelterEventSchema>;
export type ShelterEventType = ShelterEvent['type'];

export const eventBatchSchema = z
  .strictObject({ events: z.array(shelterEventSchema).min(1).max(maxEventsPerBatch) })
  .openapi('ShelterEventBatch');
export type ShelterEventBatch = z.infer<typeof eventBatchSchema>;

export const eventReceiptSchema = z
  .object({
    /** Every event of this terminal with seq ≤ this is stored; send from the next one. 0: none yet. */
    storedThrough: z.number().int().min(0),
    /** Events of this batch stored now (the others were there already). */
    added: z.number().int().min(0),
  })
  .openapi('ShelterEventReceipt');
export type ShelterEventReceipt = z.infer<typeof eventReceiptSchema>;
