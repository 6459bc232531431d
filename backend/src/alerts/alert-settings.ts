// What ingest trusts: the size cap, which publishers must sign, the anchors their signatures must chain to,
// and the sender id of alerts composed on the dashboard. From configuration (ALERT_* settings).
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/index.ts';
import { certificatesFromFile } from '../jpki/index.ts';

export interface AlertIngestSettings {
  /** Largest message accepted, in bytes (the body limit of POST /alerts and of a feed entry). */
  maxBytes: number;
  /** CAP senders whose messages must carry a valid signature; 'all': every sender. */
  signedSenders: readonly string[] | 'all';
  /** Certificates a signature must chain to. */
  anchors: readonly X509Certificate[];
  /** The `sender` of alerts composed by operators; nobody else may send as it. */
  composeSender: string;
}

export const defaultAlertIngestSettings: AlertIngestSettings = {
  maxBytes: 2 * 1024 * 1024,
  signedSenders: [],
  anchors: [],
  composeSender: 'ops@myna-tv.invalid',
};

/** The settings of a backend process; reads the anchor files. */
export async function alertIngestSettingsOf(config: Config): Promise<AlertIngestSettings> {
  const files = config.alertAnchorFiles ?? [];
  const anchors = (
    await Promise.all(files.map(async (path) => certificatesFromFile(new Uint8Array(await readFile(path)))))
  )
    .flat()
    .map((der) => new X509Certificate(der));
  return {
    maxBytes: config.alertMaxBytes,
    signedSenders: config.alertSignedSenders,
    anchors,
    composeSender: config.alertComposeSender,
  };
}
