// The periodic work of status reports in each backend node: the outbox delivering reports and signals to
// insurers (every REPORT_DELIVERY_INTERVAL_SECONDS) and the 現況確認 re-checking residents' signature
// certificates (each at most once per SIGN_CERTIFICATE_RECHECK_SECONDS). Every node runs both: the outbox
// leases rows (FOR UPDATE SKIP LOCKED) and the check reports a revocation in one conditional UPDATE, so
// running on several nodes sends nothing twice.
import type { Config } from '../config/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { startPeriodicRound } from '../jobs/index.ts';
import type { CertificateVerifier } from '../jpki/index.ts';
import { errorFields, type Logger } from '../observability/index.ts';
import { checkSignCertificates, createDeliveryWorker } from '../status-reports/index.ts';

export interface StatusReportJobs {
  /** One delivery round and one certificate round now (also what the timers run). */
  run(): Promise<void>;
  /** Stops the timers and waits for rounds under way. */
  stop(): Promise<void>;
}

/** Runs `task` every `everyMs` (0: never, nor on `run`), logging results and failures. */
function every(everyMs: number, name: string, logger: Logger, task: () => Promise<unknown>) {
  const job = startPeriodicRound({
    everyMs,
    round: () =>
      task()
        .then((result) => logger.debug(name, { result }))
        .catch((error: unknown) => logger.warn(`${name} failed`, { error: errorFields(error) })),
    onError: () => {},
  });
  return { run: () => (everyMs > 0 ? job.run() : Promise.resolve()), stop: job.stop };
}

export function startStatusReportJobs(options: {
  config: Config;
  db: Database;
  cipher: FieldCipher;
  certificates: CertificateVerifier;
  clock: () => Date;
  logger: Logger;
}): StatusReportJobs {
  const { config, db, cipher, certificates, clock, logger } = options;
  const worker = createDeliveryWorker({
    db,
    cipher,
    clock,
    policy: { retryBaseMs: config.reportDeliveryRetrySeconds * 1000 },
  });
  const recheckMs = config.signCertificateRecheckSeconds * 1000;
  const deliveries = every(config.reportDeliveryIntervalSeconds * 1000, 'report deliveries', logger, () =>
    worker.runOnce(),
  );
  const checks = every(recheckMs && Math.max(60_000, recheckMs / 24), 'sign certificate check', logger, () =>
    checkSignCertificates({ db, cipher, certificates, clock, recheckAfterMs: recheckMs }),
  );
  return {
    async run() {
      await Promise.all([deliveries.run(), checks.run()]);
    },
    async stop() {
      await Promise.all([deliveries.stop(), checks.stop()]);
    },
  };
}
