// The card signs a report: the signature password verified once (a wrong one is never retried: the card counts
// it), then the signature key signs the CMS over the document's canonical bytes. A card pulled meanwhile fails
// the next command with `card.removed`, before anything is stored or sent.

import type { StatusReportDocument } from '@myna-tv/backend';
import { signCms } from '../jpki/cms-signer.ts';
import type { CardAccess } from '../session/card-access.ts';
import { checkPinFormat, verifyPinOnce } from '../session/pin-rejection.ts';
import { canonicalReportBytes } from './report-document.ts';

/** Resolves with the DER of the CMS SignedData (attached content). */
export async function signReport(
  access: CardAccess,
  document: StatusReportDocument,
  password: string,
): Promise<Uint8Array> {
  checkPinFormat('sign', password);
  const content = canonicalReportBytes(document);
  return access.withJpki(async (jpki) => {
    await verifyPinOnce(jpki, 'sign', password);
    const signerCertificate = await jpki.readCertificate('sign');
    return signCms({
      content,
      signerCertificate,
      signingTime: new Date(document.signedAt),
      signDigestInfo: (digestInfo) => jpki.signDigestInfo('sign', digestInfo),
    });
  });
}
