// The CA certificates a certificate of each purpose must chain to. The development CAs by default; real
// J-LIS CAs by configuration. Several generations of one purpose share one DN, so anchors are a list and the
// issuer is picked by AKI and signature, never by DN alone.
import { readFile } from 'node:fs/promises';
import type * as pkijs from 'pkijs';
import { certificatesFromFile, parseCertificate } from './certificate-der.ts';
import type { CertPurpose } from './oids.ts';

export type TrustAnchors = Readonly<Record<CertPurpose, readonly pkijs.Certificate[]>>;

/** Parses the configured CA certificates (DER); a broken anchor is a configuration error and throws. */
export function trustAnchorsFromDer(
  ders: Readonly<Record<CertPurpose, readonly Uint8Array[]>>,
): TrustAnchors {
  return { sign: ders.sign.map(parseCertificate), auth: ders.auth.map(parseCertificate) };
}

/** Reads CA certificate files (DER, or PEM with one or more generations each), e.g. J-LIS's signca0N.cer. */
export async function readTrustAnchors(
  files: Readonly<Record<CertPurpose, readonly string[]>>,
): Promise<TrustAnchors> {
  const read = async (paths: readonly string[]) =>
    (
      await Promise.all(paths.map(async (path) => certificatesFromFile(new Uint8Array(await readFile(path)))))
    ).flat();
  const [sign, auth] = await Promise.all([read(files.sign), read(files.auth)]);
  return trustAnchorsFromDer({ sign, auth });
}
