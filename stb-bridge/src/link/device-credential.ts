// The box's device credential (from enrolment), kept in the bridge's data dir readable by its owner only.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import { LinkError } from './link-error.ts';

export interface DeviceCredential {
  deviceId: string;
  secret: string;
}

export const credentialFileName = 'device-credential.json';

/** Reads the credential; refuses a file that group or others may read, as ssh refuses an exposed key. */
export async function readDeviceCredential(dataDir: string): Promise<DeviceCredential> {
  const path = join(dataDir, credentialFileName);
  const info = await stat(path).catch((err: unknown) => {
    throw new LinkError('link.credential-missing', `no device credential at ${path}: enrol this box first`, {
      cause: err,
    });
  });
  if ((info.mode & 0o077) !== 0) {
    throw new LinkError(
      'link.credential-exposed',
      `${path} must have mode 0600, has ${(info.mode & 0o777).toString(8)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new LinkError('link.credential-invalid', `${path} is not JSON`, { cause: err });
  }
  const { deviceId, secret } = (parsed ?? {}) as Partial<Record<keyof DeviceCredential, unknown>>;
  if (typeof deviceId !== 'string' || deviceId === '' || typeof secret !== 'string' || secret === '') {
    throw new LinkError('link.credential-invalid', `${path} must hold { "deviceId", "secret" }`);
  }
  return { deviceId, secret };
}

/** Stores the credential (enrolment), mode 0600. */
export async function writeDeviceCredential(dataDir: string, credential: DeviceCredential): Promise<void> {
  const { deviceId, secret } = credential;
  await writeFileAtomic(join(dataDir, credentialFileName), `${JSON.stringify({ deviceId, secret })}\n`, {
    mode: 0o600,
  });
}
