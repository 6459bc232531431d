// A shelter desk for tap tests and the tap benchmark: a development PKI, the terminal's trust folder (the
// auth CA certificate and its CRL, as the terminal caches them while online), a private pcscd with vpcd and
// the virtual card of a holder inserted, and the bridge's CardAccess over PC/SC (a fresh connection per
// operation, as the bridge's desk uses it).
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevPki, type HolderProfile, initDevPki } from '@myna-tv/backend';
import { CardAccess, crlFileName, loadVirtualCard, PcscReader, VpcdLink } from '@myna-tv/stb-bridge';
import { type PrivatePcscd, startPcscd } from '../../support/pcscd.ts';

export interface CardDesk {
  dir: string;
  pki: DevPki;
  holder: HolderProfile;
  /** The terminal's trust folder: `jpki-auth.ca.der` and `auth.crl`. */
  trustDir: string;
  /** Copies the PKI's current auth CRL into the trust folder (the terminal's download while online). */
  refreshCrl(): Promise<void>;
  access: CardAccess;
  close(): Promise<void>;
}

export async function openCardDesk(): Promise<CardDesk> {
  const dir = await mkdtemp(join(tmpdir(), 'myna-shelter-desk-'));
  const pkiDir = join(dir, 'pki');
  const [pki, pcscd] = await Promise.all([initDevPki({ dir: pkiDir }), startPcscd()]);
  const holder = pki.holders[0] as HolderProfile;
  const trustDir = join(dir, 'trust');
  await mkdir(trustDir);
  await writeFile(join(trustDir, 'jpki-auth.ca.der'), pki.ca.auth.der);
  const refreshCrl = () => copyFile(join(pkiDir, 'auth.crl'), join(trustDir, crlFileName));
  await refreshCrl();

  let reader: PcscReader | undefined;
  let link: VpcdLink | undefined;
  const close = async (pcsc: PrivatePcscd) => {
    await link?.remove();
    await reader?.close();
    await pcsc.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    process.env.PCSCLITE_CSOCK_NAME = pcscd.env.PCSCLITE_CSOCK_NAME;
    reader = await PcscReader.open();
    const card = await loadVirtualCard({ pkiDir, holderId: holder.id, stateDir: join(dir, 'card-state') });
    link = new VpcdLink({ card, port: pcscd.vpcdPort, retryDelayMs: 50 });
    link.insert();
    await reader.waitForCard({ reader: pcscd.readerName, timeoutMs: 10_000 });
  } catch (err) {
    await close(pcscd);
    throw err;
  }
  return {
    dir,
    pki,
    holder,
    trustDir,
    refreshCrl,
    access: new CardAccess(reader),
    close: () => close(pcscd),
  };
}
