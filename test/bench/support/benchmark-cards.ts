// Card holders for the benchmarks, issued by the development PKI: real certificates with distinct basic info
// (so each registers as its own resident), recorded so that OCSP answers good.
import { initDevPki, issueEndEntity, recordIssued } from '@myna-tv/backend';
import { cardOf, type ResidentCard } from '../../server/support/resident-card.ts';

/** N card holders of the development PKI (one key pair shared by all: key generation is not what we measure). */
export async function issueCards(dir: string, count: number): Promise<ResidentCard[]> {
  const pki = await initDevPki({ dir });
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  };
  const [signKey, authKey] = await Promise.all([
    crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']),
    crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']),
  ]);
  const cards: ResidentCard[] = [];
  for (let i = 0; i < count; i++) {
    const basicInfo = {
      name: `見本　花子${i}`,
      dateOfBirth: '419900102',
      gender: '2' as const,
      address: `徳島県海部郡美波町奥河内字本村${i + 1}番地`,
    };
    const signCert = await issueEndEntity({
      ca: pki.ca.sign,
      purpose: 'sign',
      subjectKey: signKey,
      basicInfo,
    });
    const authCert = await issueEndEntity({
      ca: pki.ca.auth,
      purpose: 'auth',
      subjectKey: authKey,
      basicInfo: null,
    });
    await recordIssued(pki, signCert);
    await recordIssued(pki, authCert);
    cards.push(
      cardOf({
        authCertPem: authCert.pem,
        authKeyPem: authCert.keyPem,
        signCertPem: signCert.pem,
        signKeyPem: signCert.keyPem,
      }),
    );
  }
  return cards;
}
