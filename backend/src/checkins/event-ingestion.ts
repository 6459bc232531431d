// Taking a batch of journal events from a shelter terminal: stored once each (by event id), in one
// transaction, the card resolved to a registered resident where its user-auth certificate is linked
// (resident_auth_certificates), a revoked, expired or untrusted card stored with a flag for staff. The answer
// says up to which sequence number everything of this terminal has arrived, so the terminal resumes there
// after any interruption; sending a batch again changes nothing.
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import type { CardRevocationCheck } from './card-revocation.ts';
import { CheckinError } from './checkin-error.ts';
import type { PersonRef, ShelterEvent, ShelterEventReceipt } from './contracts.ts';
import type { TerminalIdentity } from './shelter-terminals.ts';

/** Where a sealed event detail lives (the cipher binds it to its row). */
export const eventDetailField = (eventId: string) => ({
  table: 'shelter_checkin_events',
  column: 'detail_sealed',
  rowId: eventId,
});

export const personKeyOf = (person: PersonRef): string =>
  person.kind === 'card' ? `card:${person.certificateFingerprint}` : `manual:${person.personId}`;

interface EventRecord {
  id: string;
  seq: number;
  type: ShelterEvent['type'];
  occurred_at: string;
  person_key: string;
  fingerprint: string | null;
  certificate_not_after: string | null;
  card_check: string | null;
  crl_age_seconds: number | null;
  pin_verified: boolean | null;
  flag: string | null;
  group_id: string | null;
  to_shelter_id: string | null;
  detail_sealed: string | null;
}

function detailOf(event: ShelterEvent): object | null {
  if (event.type === 'manual-person') {
    return { name: event.name, ageGroup: event.ageGroup, needsAssistance: event.needsAssistance };
  }
  if (event.type === 'note') return { topic: event.topic, text: event.text };
  return null;
}

function recordOf(event: ShelterEvent, cipher: FieldCipher, revoked: ReadonlySet<string>): EventRecord {
  const person: PersonRef =
    event.type === 'manual-person' ? { kind: 'manual', personId: event.personId } : event.person;
  const card = person.kind === 'card' ? person : null;
  // Revoked on the backend's current CRL first (the terminal's CRL may be old), then the terminal's verdict;
  // a card it called valid but that had expired by the tap is flagged too.
  const flag =
    card === null
      ? null
      : card.certificateSerial !== undefined && revoked.has(card.certificateSerial)
        ? 'revoked'
        : card.check !== 'valid'
          ? card.check
          : Date.parse(card.certificateNotAfter) < Date.parse(event.at)
            ? 'expired'
            : null;
  const detail = detailOf(event);
  return {
    id: event.id,
    seq: event.seq,
    type: event.type,
    occurred_at: event.at,
    person_key: personKeyOf(person),
    fingerprint: card?.certificateFingerprint ?? null,
    certificate_not_after: card?.certificateNotAfter ?? null,
    card_check: card?.check ?? null,
    crl_age_seconds: card?.crlAgeSeconds ?? null,
    pin_verified: card?.pinVerified ?? null,
    flag,
    group_id: event.type === 'check-in' || event.type === 'household' ? event.groupId : null,
    to_shelter_id: event.type === 'move' ? event.toShelterId : null,
    detail_sealed:
      detail === null ? null : cipher.encrypt(JSON.stringify(detail), eventDetailField(event.id)),
  };
}

const recordColumns = `id uuid, seq bigint, type text, occurred_at timestamptz, person_key text, fingerprint text,
  certificate_not_after timestamptz, card_check text, crl_age_seconds integer, pin_verified boolean, flag text,
  group_id uuid, to_shelter_id text, detail_sealed text`;

// One statement for the whole batch (one round trip, as most batches are a single tap): lock the terminal's
// row (a retry racing the original waits), store what is new, and move the resume point to the end of the
// gap-free run from it. The batch travels as one JSON parameter (both drivers agree on that).
const ingestStatement = `
  WITH terminal AS (
    SELECT stored_through FROM shelter_terminals WHERE id = $2 FOR UPDATE
  ), inserted AS (
    INSERT INTO shelter_checkin_events (id, terminal_id, seq, shelter_id, type, occurred_at, received_at,
      person_key, certificate_not_after, card_check, crl_age_seconds, pin_verified, resident_id, flag, group_id,
      to_shelter_id, detail_sealed)
    SELECT e.id, $2, e.seq, $3, e.type, e.occurred_at, $4, e.person_key, e.certificate_not_after, e.card_check,
           e.crl_age_seconds, e.pin_verified, r.resident_id, e.flag, e.group_id, e.to_shelter_id, e.detail_sealed
      FROM jsonb_to_recordset($1::jsonb) AS e(${recordColumns})
      LEFT JOIN resident_auth_certificates r ON r.fingerprint = e.fingerprint
    ON CONFLICT DO NOTHING
    RETURNING seq
  ), known AS (
    SELECT stored_through AS seq FROM terminal
    UNION SELECT seq FROM inserted
    UNION SELECT s.seq FROM shelter_checkin_events s, terminal t
     WHERE s.terminal_id = $2 AND s.seq > t.stored_through
  ), reached AS (
    SELECT min(k.seq) AS seq FROM known k WHERE NOT EXISTS (SELECT 1 FROM known n WHERE n.seq = k.seq + 1)
  ), advanced AS (
    UPDATE shelter_terminals SET stored_through = (SELECT seq FROM reached) WHERE id = $2
    RETURNING stored_through
  )
  SELECT (SELECT stored_through FROM advanced) AS stored_through, (SELECT count(*) FROM inserted)::int AS added`;

// Events of the batch that were not stored now and are not stored as themselves: their id or their
// (terminal, seq) is taken by something else.
const conflictStatement = `
  SELECT e.seq FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, seq bigint)
    LEFT JOIN shelter_checkin_events s ON s.id = e.id
   WHERE s.id IS NULL OR s.terminal_id <> $2 OR s.seq <> e.seq
   LIMIT 1`;

export async function ingestEvents(
  db: Database,
  options: {
    terminal: TerminalIdentity;
    events: readonly ShelterEvent[];
    cipher: FieldCipher;
    now: Date;
    /** The backend's own CRL check of the tapped cards (card-revocation.ts); absent: the terminal's verdict. */
    revocation?: CardRevocationCheck;
  },
): Promise<ShelterEventReceipt> {
  const { terminal, events, cipher, now } = options;
  assertDistinct(events);
  const serials = events.flatMap((event) =>
    'person' in event && event.person.kind === 'card' && event.person.certificateSerial !== undefined
      ? [event.person.certificateSerial]
      : [],
  );
  const revoked =
    options.revocation && serials.length > 0
      ? await options.revocation.revokedAmong(serials)
      : new Set<string>();
  const records = JSON.stringify(events.map((event) => recordOf(event, cipher, revoked)));
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ stored_through: number; added: number }>(ingestStatement, [
      records,
      terminal.terminalId,
      terminal.shelterId,
      now,
    ]);
    const { stored_through: storedThrough, added } = rows[0] as { stored_through: number; added: number };
    if (added < events.length) {
      // Rolls the whole batch back (the transaction) when something else holds an id or sequence number.
      const conflicts = await tx.query<{ seq: number }>(conflictStatement, [records, terminal.terminalId]);
      if (conflicts[0] !== undefined) {
        throw new CheckinError(
          'checkin.sequence-conflict',
          `event ${conflicts[0].seq} clashes with an event already stored under its id or sequence number`,
        );
      }
    }
    return { storedThrough, added };
  });
}

function assertDistinct(events: readonly ShelterEvent[]): void {
  const ids = new Set<string>();
  const seqs = new Set<number>();
  for (const event of events) {
    if (ids.has(event.id) || seqs.has(event.seq)) {
      throw new CheckinError('checkin.sequence-conflict', `event ${event.seq} appears twice in the batch`);
    }
    ids.add(event.id);
    seqs.add(event.seq);
  }
}
