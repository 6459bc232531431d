// The simulated set-top boxes of the three card holders' homes: each has a folder `DATA_DIR/boxes/<holder>/`
// like a bridge's data folder (device credential, the virtual card's PIN counters). The demo seed enrols the
// boxes; this module keeps their credentials, and registers each holder as a resident of their home through
// the bridge's own code path: the virtual card answers APDUs, signs the registration (CMS, signature key) and
// the challenge (auth key), and the backend verifies it all over HTTP, as it would for a real box.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoBoxKeeper, HolderProfile } from '@myna-tv/backend';
import {
  BackendClient,
  CardAccess,
  loadVirtualCard,
  ResidentSession,
  readDeviceCredential,
  VirtualReader,
  writeDeviceCredential,
} from '@myna-tv/stb-bridge';

export const boxDir = (dataDir: string, holderId: string) => join(dataDir, 'boxes', holderId);

/** Names the box a holder was registered with, so a later start skips the registration. */
const registeredMarker = 'demo-registered.json';

export function boxKeeper(dataDir: string): DemoBoxKeeper {
  return {
    has: (holderId) =>
      readDeviceCredential(boxDir(dataDir, holderId)).then(
        () => true,
        () => false,
      ),
    async keep(holderId, box) {
      const dir = boxDir(dataDir, holderId);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeDeviceCredential(dir, { deviceId: box.deviceId, secret: box.secret });
      await rm(join(dir, registeredMarker), { force: true });
    },
  };
}

async function registeredWith(dir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(dir, registeredMarker), 'utf8')) as { deviceId?: string })
      .deviceId;
  } catch {
    return undefined;
  }
}

export interface HolderRegistration {
  holderId: string;
  /** False when this box had already registered the holder. */
  registered: boolean;
}

/** Registers each holder with their card on their home's box, unless that box already did. */
export async function registerDemoHolders(options: {
  dataDir: string;
  pkiDir: string;
  backendUrl: string;
  holders: readonly HolderProfile[];
}): Promise<HolderRegistration[]> {
  const results: HolderRegistration[] = [];
  for (const holder of options.holders) {
    const dir = boxDir(options.dataDir, holder.id);
    const credential = await readDeviceCredential(dir);
    if ((await registeredWith(dir)) === credential.deviceId) {
      results.push({ holderId: holder.id, registered: false });
      continue;
    }
    const card = await loadVirtualCard({
      holderId: holder.id,
      pkiDir: options.pkiDir,
      stateDir: join(dir, 'cards'),
    });
    const reader = new VirtualReader({ card });
    const session = new ResidentSession({
      access: new CardAccess(reader),
      backend: new BackendClient({ urls: [options.backendUrl], credential }),
    });
    try {
      // The demo card's own secrets (fixtures of the emulated card, in its holder profile).
      await session.register({ password: holder.password, pin: holder.pin });
      await session.logout();
    } finally {
      session.close();
      await reader.close();
    }
    await writeFile(join(dir, registeredMarker), `${JSON.stringify({ deviceId: credential.deviceId })}\n`);
    results.push({ holderId: holder.id, registered: true });
  }
  return results;
}
