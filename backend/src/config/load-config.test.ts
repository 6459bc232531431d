import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { loadConfig } from './load-config.ts';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const dataDir = resolve('./data');
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      shutdownTimeoutSeconds: 10,
      maxBodyBytes: 65536,
      tvAppDir: undefined,
      opsAppDir: undefined,
      dataDir,
      databaseUrl: undefined,
      databasePoolSize: 10,
      redisUrl: undefined,
      pushRedisPrefix: 'myna-tv',
      pushHandshakesPerSecond: 1000,
      pushResendAfterSeconds: 10,
      pushResendMax: 3,
      fieldKeys: [],
      logLevel: 'info',
      metricsToken: undefined,
      operatorSessionIdleSeconds: 3600,
      operatorSessionMaxSeconds: 43200,
      residentSessionIdleSeconds: 1800,
      residentSessionMaxSeconds: 43200,
      operatorLoginWindowSeconds: 900,
      operatorLoginMaxPerAccount: 5,
      operatorLoginMaxPerNetwork: 50,
      jpkiPkiDir: join(dataDir, 'dev-pki'),
      jpkiSignCaFiles: undefined,
      jpkiAuthCaFiles: undefined,
      ocspUrl: undefined,
      ocspCacheMaxAgeSeconds: 300,
      loginChallengeTtlSeconds: 120,
      clockSkewToleranceSeconds: 30,
      reportDeliveryIntervalSeconds: 15,
      reportDeliveryRetrySeconds: 60,
      signCertificateRecheckSeconds: 86400,
      vaccinationReminderDays: 14,
      vaccinationReminderIntervalSeconds: 3600,
      mailboxRetentionDays: 365,
      alertMaxBytes: 2097152,
      alertSignedSenders: [],
      alertAnchorFiles: undefined,
      alertComposeSender: 'ops@myna-tv.invalid',
      alertFeedUrl: undefined,
      alertFeedIntervalSeconds: 60,
      alertPushTtlSeconds: 86400,
      watchOverQuietHours: 24,
      watchOverCheckSeconds: 300,
    });
  });

  it('reads and converts every variable; an empty value counts as unset', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      DATA_DIR: '/var/lib/myna',
      DATABASE_URL: 'postgres://app@db.example:5432/myna',
      REDIS_URL: 'redis://cache:6379',
      FIELD_KEYS: `k2:${key(2)}, k1:${key(1)}`,
      LOG_LEVEL: 'debug',
      OCSP_URL: 'http://ocsp.example/',
      OCSP_CACHE_MAX_AGE_SECONDS: '60',
      DATABASE_POOL_SIZE: '',
      TV_APP_DIR: 'tv-app/dist',
      JPKI_AUTH_CA_FILES: '/etc/jpki/authca01.cer, /etc/jpki/authca02.cer,',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/myna',
      databaseUrl: 'postgres://app@db.example:5432/myna',
      databasePoolSize: 10,
      redisUrl: 'redis://cache:6379',
      logLevel: 'debug',
      jpkiPkiDir: '/var/lib/myna/dev-pki',
      ocspUrl: 'http://ocsp.example/',
      ocspCacheMaxAgeSeconds: 60,
      tvAppDir: resolve('tv-app/dist'),
      jpkiAuthCaFiles: ['/etc/jpki/authca01.cer', '/etc/jpki/authca02.cer'],
    });
    expect(config.fieldKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.fieldKeys[0]?.key).toEqual(new Uint8Array(32).fill(2));
  });

  it('lists every bad variable at once, in documentation order, without echoing secrets', () => {
    const err = (() => {
      try {
        loadConfig({
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
          DATABASE_URL: 'mysql://root:hunter2@db/x',
          FIELD_KEYS: 'k1:c2hvcnQ=',
          OCSP_CACHE_MAX_AGE_SECONDS: '-1',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const { issues, message } = err as ConfigError;
    expect(issues.map((i) => i.env)).toEqual([
      'PORT',
      'DATABASE_URL',
      'FIELD_KEYS',
      'LOG_LEVEL',
      'OCSP_CACHE_MAX_AGE_SECONDS',
    ]);
    expect(message).toContain('PORT: ');
    expect(message).toContain('"eighty"');
    expect(message).toContain('must be a postgres:// URL');
    expect(message).toContain('field key k1: must be 32 bytes');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('c2hvcnQ');
  });

  it('requires shared field keys when the database is a PostgreSQL server', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db/myna' })).toThrow(
      /FIELD_KEYS: required when DATABASE_URL/,
    );
  });
});
