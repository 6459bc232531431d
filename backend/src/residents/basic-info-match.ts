// When two signature certificates name the same person: the four basic items equal after normalising the
// forms that differ between issuances without changing meaning (full-/half-width, spaces). The substitute
// flags are left out: they say how a character was printed, not who the person is.
import type { CertificateBasicInfo } from '../jpki/index.ts';

export function basicInfoMatchKey(info: CertificateBasicInfo): string {
  const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return JSON.stringify([normal(info.name), info.dateOfBirth.date, info.gender, normal(info.address)]);
}
