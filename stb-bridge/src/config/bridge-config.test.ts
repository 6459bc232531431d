import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BridgeConfigError,
  bridgeConfigSchema,
  describeBridgeConfig,
  loadBridgeConfig,
} from './bridge-config.ts';

const issuesOf = (env: Record<string, string>) => {
  try {
    loadBridgeConfig(env);
  } catch (error) {
    if (error instanceof BridgeConfigError) return error.issues.map((i) => i.env);
    throw error;
  }
  return [];
};

describe('loadBridgeConfig', () => {
  it('has a default for every setting: the embedded mode', () => {
    expect(loadBridgeConfig({})).toEqual({
      dataDir: resolve('./data/bridge'),
      backendUrls: ['http://127.0.0.1:8080'],
      port: 8090,
      allowedOrigins: ['http://127.0.0.1:8080', 'http://localhost:8080'],
      reader: 'virtual',
      hidDevice: undefined,
      virtualHolder: 'tanaka-hanako',
      virtualPkiDir: resolve('./data/dev-pki'),
      mode: 'box',
      shelterCredential: undefined,
      shelterTrustUrl: undefined,
      logLevel: 'info',
    });
  });

  it('reads shelter mode, its credential file and trust URL', () => {
    expect(
      loadBridgeConfig({
        BRIDGE_MODE: 'shelter',
        BRIDGE_SHELTER_CREDENTIAL: './terminal.json',
        BRIDGE_SHELTER_TRUST_URL: 'http://127.0.0.1:8081/',
      }),
    ).toMatchObject({
      mode: 'shelter',
      shelterCredential: resolve('./terminal.json'),
      shelterTrustUrl: 'http://127.0.0.1:8081',
    });
    expect(() => loadBridgeConfig({ BRIDGE_MODE: 'kiosk' })).toThrow(/BRIDGE_MODE must be box or shelter/);
  });

  it('reads lists, numbers and the HID device forms', () => {
    const config = loadBridgeConfig({
      BRIDGE_BACKEND_URL: 'http://node-a:8080, http://node-b:8080',
      BRIDGE_PORT: '0',
      BRIDGE_ALLOWED_ORIGINS: 'http://127.0.0.1:4173',
      BRIDGE_READER: 'hid',
      BRIDGE_HID_DEVICE: '1D6B:0104',
    });
    expect(config.backendUrls).toEqual(['http://node-a:8080', 'http://node-b:8080']);
    expect(config.port).toBe(0);
    expect(config.allowedOrigins).toEqual(['http://127.0.0.1:4173']);
    expect(config.hidDevice).toEqual({ vendorId: 0x1d6b, productId: 0x0104 });
    expect(loadBridgeConfig({ BRIDGE_HID_DEVICE: '/dev/hidraw3' }).hidDevice).toEqual({
      path: '/dev/hidraw3',
    });
  });

  it('names every bad variable at once', () => {
    expect(
      issuesOf({
        BRIDGE_PORT: '70000',
        BRIDGE_ALLOWED_ORIGINS: 'http://127.0.0.1:8080/',
        BRIDGE_READER: 'nfc',
        BRIDGE_BACKEND_URL: 'ftp://x',
      }),
    ).toEqual(['BRIDGE_BACKEND_URL', 'BRIDGE_PORT', 'BRIDGE_ALLOWED_ORIGINS', 'BRIDGE_READER']);
    expect(issuesOf({ BRIDGE_ALLOWED_ORIGINS: ' , ' })).toEqual(['BRIDGE_ALLOWED_ORIGINS']);
  });

  it('needs the HID device with the HID reader', () => {
    expect(issuesOf({ BRIDGE_READER: 'hid' })).toEqual(['BRIDGE_HID_DEVICE']);
  });

  it('documents every setting', () => {
    const help = describeBridgeConfig();
    for (const setting of Object.values(bridgeConfigSchema)) {
      expect(setting.doc.length).toBeGreaterThan(20);
      expect(help).toContain(setting.env);
    }
  });
});
