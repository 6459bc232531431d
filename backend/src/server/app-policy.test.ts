import { expect, it } from 'vitest';
import { defaultAppPolicy } from '../app.ts';
import { loadConfig } from '../config/index.ts';
import { appPolicyOf } from './app-policy.ts';

it('the configuration defaults are the app defaults', () => {
  expect(appPolicyOf(loadConfig({}))).toEqual(defaultAppPolicy);
});

it('reads every limit from the environment', () => {
  const policy = appPolicyOf(
    loadConfig({
      MAX_BODY_BYTES: '2048',
      RESIDENT_SESSION_IDLE_SECONDS: '120',
      RESIDENT_SESSION_MAX_SECONDS: '600',
      OPERATOR_SESSION_IDLE_SECONDS: '300',
      OPERATOR_SESSION_MAX_SECONDS: '900',
      OPERATOR_LOGIN_WINDOW_SECONDS: '60',
      OPERATOR_LOGIN_MAX_PER_ACCOUNT: '3',
      OPERATOR_LOGIN_MAX_PER_NETWORK: '7',
    }),
  );
  expect(policy).toEqual({
    maxBodyBytes: 2048,
    residentSession: { idleMs: 120_000, maxMs: 600_000 },
    operatorSession: { idleMs: 300_000, maxMs: 900_000 },
    operatorLoginThrottle: { windowMs: 60_000, maxPerAccount: 3, maxPerNetwork: 7 },
  });
});
