// The card signs a report: its canonical bytes, with the signature password (session/password-signing.ts).
import type { StatusReportDocument } from '@myna-tv/backend';
import type { CardAccess } from '../session/card-access.ts';
import { signWithPassword } from '../session/password-signing.ts';
import { canonicalReportBytes } from './report-document.ts';

/** Resolves with the DER of the CMS SignedData (attached content). */
export function signReport(
  access: CardAccess,
  document: StatusReportDocument,
  password: string,
): Promise<Uint8Array> {
  return signWithPassword(
    access,
    { content: canonicalReportBytes(document), signingTime: new Date(document.signedAt) },
    password,
  );
}
