// The app's limits and lifetimes from configuration (seconds in the environment, milliseconds in the app).
// The configuration defaults equal `defaultAppPolicy` (app-policy.test.ts holds them together).
import type { AppPolicy } from '../app.ts';
import type { Config } from '../config/index.ts';

export function appPolicyOf(config: Config): AppPolicy {
  const ms = (seconds: number) => seconds * 1000;
  return {
    maxBodyBytes: config.maxBodyBytes,
    operatorSession: {
      idleMs: ms(config.operatorSessionIdleSeconds),
      maxMs: ms(config.operatorSessionMaxSeconds),
    },
    residentSession: {
      idleMs: ms(config.residentSessionIdleSeconds),
      maxMs: ms(config.residentSessionMaxSeconds),
    },
    operatorLoginThrottle: {
      windowMs: ms(config.operatorLoginWindowSeconds),
      maxPerAccount: config.operatorLoginMaxPerAccount,
      maxPerNetwork: config.operatorLoginMaxPerNetwork,
    },
  };
}
