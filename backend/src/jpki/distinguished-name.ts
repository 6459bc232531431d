// Rendering X.500 names as text, `C=JP,O=JPKI,OU=…` in encoding order (how the JPKI spec writes them), for
// keying CRL stores by a certificate's CRL distribution point and for the CLI.
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { extensionOid } from './oids.ts';

const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

export function renderName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => {
      const value = (tv.value as asn1js.BaseStringBlock).valueBlock.value;
      const text =
        typeof value === 'string' ? value : Buffer.from(tv.value.valueBeforeDecodeView).toString('hex');
      return `${shortNames[tv.type] ?? tv.type}=${text.replace(/([\\,+=])/g, '\\$1')}`;
    })
    .join(',');
}

/** The first DirName among the certificate's CRL distribution points (JPKI uses no URIs), if any. */
export function crlDistributionPointName(certificate: pkijs.Certificate): string | undefined {
  const ext = certificate.extensions?.find(
    (e) => e.extnID === extensionOid.crlDistributionPoints,
  )?.parsedValue;
  if (!(ext instanceof pkijs.CRLDistributionPoints)) return undefined;
  for (const point of ext.distributionPoints) {
    const names = point.distributionPoint;
    if (!Array.isArray(names)) continue;
    const dirName = names.find((n) => n.type === 4)?.value;
    if (dirName instanceof pkijs.RelativeDistinguishedNames) return renderName(dirName);
  }
  return undefined;
}

/** The subject's CN: the opaque holder id of an auth certificate (`C=JP, CN=<id>`). */
export function subjectCommonName(certificate: pkijs.Certificate): string | undefined {
  const cn = certificate.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  const value = (cn?.value as asn1js.BaseStringBlock | undefined)?.valueBlock.value;
  return typeof value === 'string' ? value : undefined;
}
