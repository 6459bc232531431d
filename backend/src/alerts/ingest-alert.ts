// Ingest of one message, whatever brought it (POST /alerts, the feed poller, the compose form): parse with
// the disaster library (XML safety, format, signature policy), store and resolve its thread in one
// transaction, commit, then tell the dispatcher. A duplicate gets the first answer again and dispatches
// nothing; every refusal is an AlertError or AlertIngestError with a stable code and stores nothing.
import { AlertError, noSignatureRequired, parseAlert, signersPolicy } from '@myna-tv/disaster';
import type { Database } from '../db/index.ts';
import type { AlertDispatcher, DispatchSummary } from './alert-dispatcher.ts';
import { AlertIngestError } from './alert-ingest-error.ts';
import {
  type AlertRow,
  type AlertSourceKind,
  type StoredAlertState,
  storedAlertOf,
} from './alert-records.ts';
import type { AlertIngestSettings } from './alert-settings.ts';
import { storeAlert } from './alert-thread-store.ts';

export interface IngestRequest {
  xml: string | Uint8Array;
  source: AlertSourceKind;
  /** API client id, operator account id or feed URL. */
  publisher: string;
  /**
   * The CAP senders the publisher may publish for (an API client's bound senders); a message of another
   * sender is refused. Absent: any sender, for sources the operator vouches for (the configured feed; the
   * compose form, whose sender is fixed).
   */
  allowedSenders?: readonly string[];
}

/** The answer of POST /alerts (and of the compose route). */
export interface IngestAnswer {
  id: string;
  thread: string;
  outcome: string;
  state: StoredAlertState;
  targeted: number;
  pushSeq: number | null;
}

export interface IngestResult {
  /** false: the same message was received before (its answer is given again). */
  created: boolean;
  answer: IngestAnswer;
}

export interface AlertIngest {
  ingest(request: IngestRequest): Promise<IngestResult>;
}

const answerOf = (row: AlertRow, dispatch: DispatchSummary | null): IngestAnswer => ({
  id: row.id,
  thread: row.thread,
  outcome: row.outcome,
  state: row.state,
  targeted: dispatch?.targeted ?? 0,
  pushSeq: dispatch?.pushSeq ?? null,
});

export function createAlertIngest(deps: {
  db: Database;
  dispatcher: AlertDispatcher;
  clock: () => Date;
  settings: AlertIngestSettings;
}): AlertIngest {
  const { db, dispatcher, clock, settings } = deps;
  const policy = signersPolicy(settings.signedSenders);
  return {
    async ingest(request) {
      const now = clock();
      const composed = request.source === 'compose';
      const alert = parseAlert(request.xml, {
        limits: { maxBytes: settings.maxBytes },
        anchors: settings.anchors,
        // The operator composing is authenticated and the XML is ours: nothing to verify.
        policy: composed ? noSignatureRequired : policy,
        now,
      });
      // An operator's form must not lose an area part silently: a dropped polygon is a refused form.
      const dropped = composed ? alert.problems.find((problem) => problem.severity === 'error') : undefined;
      if (dropped) throw new AlertError('alert.content-invalid', `${dropped.where}: ${dropped.message}`);
      if (!composed && alert.sender === settings.composeSender) {
        throw new AlertIngestError(
          'alert.foreign-sender',
          `${alert.sender} is the sender of alerts composed by operators`,
        );
      }
      if (request.allowedSenders !== undefined && !request.allowedSenders.includes(alert.sender)) {
        throw new AlertIngestError(
          'alert.sender-not-allowed',
          `this client may not publish for ${alert.sender} (it may for: ${request.allowedSenders.join(', ') || 'nobody'})`,
        );
      }
      const xml = typeof request.xml === 'string' ? request.xml : Buffer.from(request.xml).toString('utf8');
      const stored = await db.transaction((tx) =>
        storeAlert(tx, alert, { source: request.source, publisher: request.publisher, xml }, now),
      );
      if (stored.kind === 'duplicate') {
        return { created: false, answer: answerOf(stored.row, stored.row.dispatch) };
      }
      const { row, replaced } = stored;
      let summary: DispatchSummary | null = null;
      if (stored.dispatch === 'issue') summary = await dispatcher.issue(storedAlertOf(row), replaced);
      if (stored.dispatch === 'withdraw') summary = await dispatcher.withdraw(storedAlertOf(row), replaced);
      if (summary !== null) {
        await db.query('UPDATE alerts SET dispatch = $2 WHERE id = $1', [row.id, JSON.stringify(summary)]);
      }
      return { created: true, answer: answerOf(row, summary) };
    },
  };
}
