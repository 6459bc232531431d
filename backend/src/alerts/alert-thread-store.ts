// Persisted thread resolution. The disaster library's thread logic (createAlertThreads) decides; this file
// only gives it the stored alerts it needs and writes back what it decided. For a new message: load every
// stored thread it links to (by its own key, the keys it references, its series), replay them in arrival
// order, receive the new message, then store it with its thread id and rewrite the state of each member of
// its thread. Alerts seen by viewers (Actual, Exercise) and the others (Test, System, Draft) form separate
// threads, so a Test message never withdraws a real one. The caller holds the ingest lock (one ingest at a
// time across nodes): alerts are rare and this keeps every thread consistent whatever the arrival order.
import { randomUUID } from 'node:crypto';
import {
  type Alert,
  type AlertKey,
  type AlertState,
  createAlertThreads,
  type ThreadOutcome,
  toAlertJson,
} from '@myna-tv/disaster';
import type { Queryable } from '../db/index.ts';
import { AlertIngestError } from './alert-ingest-error.ts';
import {
  type AlertRow,
  type AlertSourceKind,
  alertRowColumns,
  type StoredAlertState,
} from './alert-records.ts';

/** Serialises ingest across nodes (pg_advisory_xact_lock key). */
const ingestLockKey = 7_007_001;

export interface AlertOrigin {
  source: AlertSourceKind;
  publisher: string;
  xml: string;
}

export type StoreResult =
  | { kind: 'duplicate'; row: AlertRow }
  | {
      kind: 'stored';
      row: AlertRow;
      /** Ids of the stored alerts the new one replaced (Update) or withdrew (Cancel). */
      replaced: string[];
      /**
       * For viewers: issue (an Alert/Update in force) or withdraw (a Cancel; an Update expired on arrival,
       * with `replaced` = those of its replaced alerts that were in force); null: nothing to dispatch.
       */
      dispatch: 'issue' | 'withdraw' | null;
    };

const forViewers = (alert: Alert) => alert.status === 'Actual' || alert.status === 'Exercise';
const keyOf = (alert: Alert): AlertKey => ({ sender: alert.sender, identifier: alert.identifier });
const keyLink = (key: AlertKey) => JSON.stringify(['key', key.sender, key.identifier]);
// Without the sender, so that another sender continuing the series is found (and refused).
const seriesLink = (series: string) => JSON.stringify(['series', series]);

function linksOf(alert: Alert): string[] {
  return [
    keyLink(keyOf(alert)),
    ...alert.references.map(keyLink),
    ...(alert.series === null ? [] : [seriesLink(alert.series)]),
  ];
}

/** When every info has passed its `expires`; null when an info has none (the library's isExpired rule). */
function expiresAtOf(alert: Alert): Date | null {
  const times = alert.infos.map((info) => (info.expires === null ? Number.NaN : Date.parse(info.expires)));
  if (times.length === 0 || times.some(Number.isNaN)) return null;
  return new Date(Math.max(...times));
}

function summaryFieldsOf(alert: Alert) {
  const levels = alert.infos.flatMap((info) => (info.level === null ? [] : [info.level]));
  const japanese = alert.infos.find((info) => info.language.startsWith('ja') && info.headline !== null);
  const headline = (japanese ?? alert.infos.find((info) => info.headline !== null))?.headline ?? null;
  return { level: levels.length > 0 ? Math.max(...levels) : null, headline };
}

function storedState(state: AlertState): StoredAlertState {
  if (state === 'unknown') throw new Error('thread replay lost a stored alert');
  return state;
}

async function insertAlert(
  tx: Queryable,
  values: {
    id: string;
    thread: string;
    alert: Alert;
    state: StoredAlertState;
    outcome: ThreadOutcome['kind'];
    links: string[];
    origin: AlertOrigin;
    now: Date;
  },
): Promise<AlertRow> {
  const { alert, origin } = values;
  const { level, headline } = summaryFieldsOf(alert);
  const rows = await tx.query<AlertRow>(
    `INSERT INTO alerts (id, sender, identifier, sent, status, msg_type, thread, state, outcome, expires_at, level,
       headline, source, publisher, links, alert, model, xml, signature, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text[], $16, $17, $18, $19, $20)
     RETURNING ${alertRowColumns}`,
    [
      values.id,
      alert.sender,
      alert.identifier,
      new Date(alert.sent),
      alert.status,
      alert.msgType,
      values.thread,
      values.state,
      values.outcome,
      expiresAtOf(alert),
      level,
      headline,
      origin.source,
      origin.publisher,
      values.links,
      JSON.stringify(toAlertJson(alert)),
      JSON.stringify(alert),
      origin.xml,
      JSON.stringify(alert.signature),
      values.now,
    ],
  );
  return rows[0] as AlertRow;
}

/** Stores one parsed message and resolves its thread (in the caller's transaction). */
export async function storeAlert(
  tx: Queryable,
  alert: Alert,
  origin: AlertOrigin,
  now: Date,
): Promise<StoreResult> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ingestLockKey]);
  const same = await tx.query<AlertRow>(
    `SELECT ${alertRowColumns} FROM alerts WHERE sender = $1 AND identifier = $2`,
    [alert.sender, alert.identifier],
  );
  if (same[0] !== undefined) {
    const { sent, status } = same[0].model;
    if (sent === alert.sent && status === alert.status) return { kind: 'duplicate', row: same[0] };
    // Also another status under the same key (a 試験 report named like a real one): never one for the other.
    throw new AlertIngestError(
      'alert.identifier-reused',
      `${alert.sender} already sent ${alert.identifier} at ${sent} (${status})`,
    );
  }
  const id = randomUUID();
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') {
    const row = await insertAlert(tx, {
      id,
      thread: id,
      alert,
      state: 'ignored',
      outcome: 'ignored',
      links: [],
      origin,
      now,
    });
    return { kind: 'stored', row, replaced: [], dispatch: null };
  }

  const viewers = forViewers(alert);
  const links = linksOf(alert);
  const members = await tx.query<AlertRow>(
    `SELECT ${alertRowColumns} FROM alerts WHERE thread IN (
       SELECT thread FROM alerts
       WHERE links && $1::text[] AND (status IN ('Actual', 'Exercise')) = $2 AND state <> 'ignored')
     ORDER BY arrival`,
    [links, viewers],
  );
  const threads = createAlertThreads();
  for (const member of members) threads.receive(member.model);
  const outcome = threads.receive(alert);
  if (outcome.kind === 'rejected') {
    throw new AlertIngestError(`alert.${outcome.reason}`, outcome.message);
  }
  if (outcome.kind === 'duplicate' || outcome.kind === 'ignored') {
    throw new Error(`unexpected thread outcome ${outcome.kind} after the duplicate check`);
  }

  const root = threads.threadOf(keyOf(alert));
  const joined = members.filter((member) => threads.threadOf(keyOf(member.model)) === root);
  // Members come in arrival order: the first thread id met is the oldest thread's, kept when threads join.
  const threadIds = [...new Set(joined.map((member) => member.thread))];
  const thread = threadIds[0] ?? id;
  if (threadIds.length > 1) {
    await tx.query('UPDATE alerts SET thread = $1 WHERE thread = ANY($2::uuid[])', [
      thread,
      threadIds.slice(1),
    ]);
  }
  const stateOf = (member: Alert): StoredAlertState =>
    viewers ? storedState(threads.stateOf(keyOf(member), now)) : 'not-for-viewers';

  const row = await insertAlert(tx, {
    id,
    thread,
    alert,
    state: stateOf(alert),
    outcome: outcome.kind,
    links,
    origin,
    now,
  });
  for (const member of joined) {
    const state = stateOf(member.model);
    if (state !== member.state)
      await tx.query('UPDATE alerts SET state = $2 WHERE id = $1', [member.id, state]);
  }

  const idOf = (key: AlertKey) =>
    joined.find((m) => m.model.sender === key.sender && m.model.identifier === key.identifier)?.id;
  const ids = (keys: AlertKey[]) => keys.flatMap((key) => idOf(key) ?? []);
  if (outcome.kind === 'cancelled') {
    return { kind: 'stored', row, replaced: ids(outcome.withdrawn), dispatch: viewers ? 'withdraw' : null };
  }
  if (outcome.kind === 'new' || outcome.kind === 'updated') {
    const replaced = outcome.kind === 'updated' ? ids(outcome.replaced) : [];
    if (!viewers) return { kind: 'stored', row, replaced, dispatch: null };
    if (row.state === 'in-force') return { kind: 'stored', row, replaced, dispatch: 'issue' };
    // An Update already expired on arrival still ends what it replaces: the messages of those that were in
    // force must stop being in force too, so it is dispatched like a Cancel of them.
    const inForce = replaced.filter((id) => joined.some((m) => m.id === id && m.state === 'in-force'));
    return { kind: 'stored', row, replaced: inForce, dispatch: inForce.length > 0 ? 'withdraw' : null };
  }
  return { kind: 'stored', row, replaced: [], dispatch: null };
}
