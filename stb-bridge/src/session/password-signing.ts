// The card signs a document with the signature password: the password checked for form, verified once on the
// card (a wrong one is never retried: the card counts it), then the signature key signs a CMS SignedData over
// the bytes given. A card pulled meanwhile fails the next command with `card.removed`, before the caller stores
// or sends anything. The 現況届 and the 利用申込み both sign this way.
import { signCms } from '../jpki/cms-signer.ts';
import type { CardAccess } from './card-access.ts';
import { checkPinFormat, verifyPinOnce } from './pin-rejection.ts';

/** Resolves with the DER of the CMS SignedData (attached content). */
export async function signWithPassword(
  access: CardAccess,
  document: { content: Uint8Array; signingTime: Date },
  password: string,
): Promise<Uint8Array> {
  checkPinFormat('sign', password);
  return access.withJpki(async (jpki) => {
    await verifyPinOnce(jpki, 'sign', password);
    const signerCertificate = await jpki.readCertificate('sign');
    return signCms({
      content: document.content,
      signerCertificate,
      signingTime: document.signingTime,
      signDigestInfo: (digestInfo) => jpki.signDigestInfo('sign', digestInfo),
    });
  });
}
