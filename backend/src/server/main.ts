// Entry of a backend process (`npx tsx backend/src/server/main.ts`): reads the environment, starts the
// backend, logs, and handles signals and stray errors. Everything else is startBackend's.
// - SIGTERM / SIGINT: graceful stop (see Backend.close), then exit 0; a second signal exits 1 at once.
// - unhandledRejection: logged, the process keeps serving (one stray promise must not drop every box).
// - uncaughtException: logged as fatal, then the same graceful stop and exit 1: after a synchronous throw
//   nobody caught, the process state is unknown, so it stops cleanly and lets its supervisor restart it.
import { ConfigError, loadConfig } from '../config/index.ts';
import { createLogger, errorFields } from '../observability/index.ts';
import { startBackend } from './start-backend.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger({ level: config.logLevel });
const starting = startBackend({ config, logger });
let stopping = false;

function stop(reason: string, exitCode: number): void {
  if (stopping) {
    logger.warn('second stop request: exiting now', { reason });
    process.exit(1);
  }
  stopping = true;
  logger.info('stopping', { reason });
  starting
    .then((backend) => backend.close())
    .then(() => process.exit(exitCode))
    .catch((error: unknown) => {
      logger.fatal('stop failed', { error: errorFields(error) });
      process.exit(1);
    });
}

process.on('SIGTERM', () => stop('SIGTERM', 0));
process.on('SIGINT', () => stop('SIGINT', 0));
process.on('unhandledRejection', (reason) =>
  logger.error('unhandled rejection', { error: errorFields(reason) }),
);
process.on('uncaughtException', (error) => {
  logger.fatal('uncaught exception', { error: errorFields(error) });
  stop('uncaughtException', 1);
});

try {
  await starting;
} catch (error) {
  logger.fatal('start failed', { error: errorFields(error) });
  process.exit(1);
}
