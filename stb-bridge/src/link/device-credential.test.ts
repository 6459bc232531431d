import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialFileName, readDeviceCredential, writeDeviceCredential } from './device-credential.ts';
import { isLinkError } from './link-error.ts';

describe('device credential file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'myna-credential-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const credential = { deviceId: '0b6f3f1e-8a55-4b8e-9f5d-6f2b9d0f6a11', secret: 's3cr3t-high-entropy' };
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: unknown) => (isLinkError(err) ? err.code : String(err)),
    );

  it('is written with mode 0600 and read back', async () => {
    await writeDeviceCredential(dir, credential);
    expect((await stat(join(dir, credentialFileName))).mode & 0o777).toBe(0o600);
    expect(await readDeviceCredential(dir)).toEqual(credential);
  });

  it('is refused when others may read it', async () => {
    await writeDeviceCredential(dir, credential);
    await chmod(join(dir, credentialFileName), 0o644);
    expect(await codeOf(readDeviceCredential(dir))).toBe('link.credential-exposed');
  });

  it('says so when it is missing or malformed', async () => {
    expect(await codeOf(readDeviceCredential(dir))).toBe('link.credential-missing');
    await writeFile(join(dir, credentialFileName), '{"deviceId":"x"}', { mode: 0o600 });
    expect(await codeOf(readDeviceCredential(dir))).toBe('link.credential-invalid');
    await writeFile(join(dir, credentialFileName), 'not json', { mode: 0o600 });
    expect(await codeOf(readDeviceCredential(dir))).toBe('link.credential-invalid');
  });
});
