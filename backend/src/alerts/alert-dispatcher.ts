// The contract between ingest (this module) and delivery (backend/src/alert-delivery/): ingest stores an
// alert, commits, and then tells the dispatcher what changed. The dispatcher targets, pushes and withdraws;
// it guards itself so that each stored alert is dispatched once even across nodes and restarts.
import type { Alert } from '@myna-tv/disaster';

export interface StoredAlert {
  /** uuid, alerts.id */
  id: string;
  /** Thread id: the same for an alert, its Updates and its Cancel. */
  thread: string;
  /** The disaster model. */
  alert: Alert;
  receivedAt: Date;
}

export interface AlertDispatcher {
  /** An alert now in force (new or Update); `replaces` = ids of the stored alerts it supersedes. */
  issue(alert: StoredAlert, replaces: readonly string[]): Promise<DispatchSummary>;
  /** A Cancel; `withdrawn` = ids of the stored alerts it withdrew (may be empty). */
  withdraw(cancel: StoredAlert, withdrawn: readonly string[]): Promise<DispatchSummary>;
}

export interface DispatchSummary {
  outcome: string;
  targeted: number;
  pushSeq: number | null;
}
