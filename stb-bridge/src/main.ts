// The bridge daemon: reads the configuration from the environment, starts the bridge, logs JSON lines on stdout,
// and stops cleanly on SIGINT/SIGTERM. `npx tsx stb-bridge/src/main.ts --help` lists the settings.
import { BridgeConfigError, describeBridgeConfig, loadBridgeConfig } from './config/bridge-config.ts';
import { createJsonLogger, errorFields } from './log/json-logger.ts';
import { startBridge } from './start-bridge.ts';

if (process.argv.includes('--help')) {
  process.stdout.write(
    `Myna TV set-top box bridge. Settings (environment variables):\n\n${describeBridgeConfig()}\n`,
  );
  process.exit(0);
}

let config: ReturnType<typeof loadBridgeConfig>;
try {
  config = loadBridgeConfig();
} catch (error) {
  if (!(error instanceof BridgeConfigError)) throw error;
  for (const issue of error.issues) process.stderr.write(`${issue.env} ${issue.message}\n`);
  process.exit(2);
}

const logger = createJsonLogger({ write: (line) => process.stdout.write(line), level: config.logLevel });
try {
  const bridge = await startBridge({ ...config, logger });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('bridge.stopping', { signal });
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('bridge.stop-failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  logger.error('bridge.start-failed', errorFields(error));
  process.exit(1);
}
