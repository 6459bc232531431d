// The local API's shelter-mode routes for the staff page: GET /shelter/status (online/offline, events
// waiting, the CRL's age), POST /shelter/tap (read the card on the reader and check the holder in), and the
// staff actions: check-out, move, household group, a person without a card, a note with consent. Thin: each
// journals through the ShelterDesk. A tap body may hold a PIN: read, passed on, never logged or kept.
import { randomUUID } from 'node:crypto';
import type { PersonRef } from '@myna-tv/backend';
import { Hono } from 'hono';
import { z } from 'zod';
import type {
  ShelterActionResponse,
  ShelterCheckOutRequest,
  ShelterHouseholdRequest,
  ShelterManualPersonRequest,
  ShelterMoveRequest,
  ShelterNoteRequest,
  ShelterPersonChoice,
  ShelterStatusResponse,
  ShelterTapRequest,
  ShelterTapResponse,
} from '../local-api/contracts.ts';
import { readJsonBody } from '../local-api/request-body.ts';
import type { CardCheck } from './card-trust.ts';
import type { NewShelterEvent } from './checkin-journal.ts';
import type { ShelterDesk } from './shelter-desk.ts';

const tapSchema: z.ZodType<ShelterTapRequest> = z.strictObject({
  groupId: z.uuid().nullable(),
  // Loose bound only: the format rules live in jpki/pin-format.ts and answer `card.pin-format`.
  pin: z.string().max(16).optional(),
});

// The backend's contract (checkins/contracts.ts) decides in the end; these only keep garbage off the journal.
const personSchema: z.ZodType<ShelterPersonChoice> = z.union([
  z.literal('reader'),
  z.strictObject({
    kind: z.literal('card'),
    certificateFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    certificateNotAfter: z.iso.datetime({ offset: true }),
    certificateSerial: z
      .string()
      .regex(/^[0-9A-F]{1,40}$/)
      .optional(),
    check: z.enum(['valid', 'revoked', 'expired', 'untrusted']),
    crlAgeSeconds: z.number().int().min(0).nullable(),
    pinVerified: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('manual'), personId: z.uuid() }),
]);
const checkOutSchema: z.ZodType<ShelterCheckOutRequest> = z.strictObject({ person: personSchema });
const moveSchema: z.ZodType<ShelterMoveRequest> = z.strictObject({
  person: personSchema,
  toShelterId: z.string().regex(/^E[0-9]{13}$/),
});
const householdSchema: z.ZodType<ShelterHouseholdRequest> = z.strictObject({
  person: personSchema,
  groupId: z.uuid(),
});
const manualSchema: z.ZodType<ShelterManualPersonRequest> = z.strictObject({
  name: z.string().trim().min(1).max(100),
  ageGroup: z.enum(['infant', 'child', 'adult', 'elderly']),
  needsAssistance: z.boolean(),
  groupId: z.uuid().nullable(),
});
const noteSchema: z.ZodType<ShelterNoteRequest> = z.strictObject({
  person: personSchema,
  topic: z.enum(['medicine', 'allergy', 'pet', 'car-stay', 'care', 'other']),
  text: z.string().trim().min(1).max(500),
  // Without the person's consent nothing is recorded: the request is refused as invalid.
  consent: z.literal(true),
});

const checkView = (check: CardCheck): ShelterTapResponse['check'] => ({
  result: check.result,
  crlAgeSeconds: check.crlAgeSeconds,
  notAfter: check.notAfter.toISOString(),
});

export function shelterRoutes(deps: { shelter: ShelterDesk }) {
  const { shelter } = deps;
  /** The person a request names; 'reader' reads the card on the reader (and reports its check). */
  const resolve = async (choice: ShelterPersonChoice) =>
    choice === 'reader' ? shelter.cardOnReader() : { person: choice, check: null };
  const act = async (
    choice: ShelterPersonChoice,
    make: (person: PersonRef) => NewShelterEvent,
  ): Promise<ShelterActionResponse> => {
    const { person, check } = await resolve(choice);
    const event = await shelter.record(make(person));
    return {
      events: [event],
      person,
      check: check && checkView(check),
      waiting: shelter.status.waiting,
    };
  };
  return new Hono()
    .get('/shelter/status', (c) => c.json<ShelterStatusResponse>(shelter.status))
    .post('/shelter/tap', async (c) => {
      const request = await readJsonBody(c, tapSchema);
      const { event, check } = await shelter.tap(request);
      return c.json<ShelterTapResponse>(
        { event, check: checkView(check), waiting: shelter.status.waiting },
        201,
      );
    })
    .post('/shelter/check-out', async (c) => {
      const { person } = await readJsonBody(c, checkOutSchema);
      return c.json(await act(person, (p) => ({ type: 'check-out', person: p })), 201);
    })
    .post('/shelter/move', async (c) => {
      const { person, toShelterId } = await readJsonBody(c, moveSchema);
      return c.json(await act(person, (p) => ({ type: 'move', person: p, toShelterId })), 201);
    })
    .post('/shelter/household', async (c) => {
      const { person, groupId } = await readJsonBody(c, householdSchema);
      return c.json(await act(person, (p) => ({ type: 'household', person: p, groupId })), 201);
    })
    .post('/shelter/note', async (c) => {
      const { person, topic, text } = await readJsonBody(c, noteSchema);
      return c.json(await act(person, (p) => ({ type: 'note', person: p, topic, text, consent: true })), 201);
    })
    .post('/shelter/manual-person', async (c) => {
      const { name, ageGroup, needsAssistance, groupId } = await readJsonBody(c, manualSchema);
      const personId = randomUUID();
      const person: PersonRef = { kind: 'manual', personId };
      // Two events, each on disk before the answer: who the person is, then that they are here.
      const introduced = await shelter.record({
        type: 'manual-person',
        personId,
        name,
        ageGroup,
        needsAssistance,
      });
      const checkedIn = await shelter.record({ type: 'check-in', person, groupId });
      return c.json<ShelterActionResponse>(
        { events: [introduced, checkedIn], person, check: null, waiting: shelter.status.waiting },
        201,
      );
    });
}
