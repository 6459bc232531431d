// Issues a card holder's two certificates (signature with basic info, user authentication without) and
// builds the holder profile the virtual card reads.
import type { CertPurpose } from '../jpki/oids.ts';
import { demoPassword, demoPin, type HolderSeed } from './demo-holders.ts';
import type { DevCa } from './dev-ca.ts';
import { type IssuedCertificate, issueEndEntity } from './end-entity.ts';
import type { HolderProfile } from './holder-profile.ts';
import { fifthBirthdayAfter, wholeSeconds } from './validity.ts';

export interface IssuedHolder {
  profile: HolderProfile;
  certificates: Record<CertPurpose, IssuedCertificate>;
}

export async function issueHolder(options: {
  seed: HolderSeed;
  ca: Record<CertPurpose, DevCa>;
  now?: Date;
}): Promise<IssuedHolder> {
  const { seed, ca } = options;
  const notBefore = wholeSeconds(options.now ?? new Date());
  const notAfter = fifthBirthdayAfter(notBefore, seed.basicInfo.dateOfBirth);
  const common = { locality: seed.locality, notBefore, notAfter };
  const [sign, auth] = await Promise.all([
    issueEndEntity({ ...common, ca: ca.sign, purpose: 'sign', basicInfo: seed.basicInfo }),
    issueEndEntity({ ...common, ca: ca.auth, purpose: 'auth', basicInfo: null }),
  ]);
  return {
    profile: {
      id: seed.id,
      label: seed.label,
      pin: demoPin,
      password: demoPassword,
      locality: seed.locality,
      basicInfo: seed.basicInfo,
      authKeyPem: auth.keyPem,
      signKeyPem: sign.keyPem,
      authCertPem: auth.pem,
      signCertPem: sign.pem,
      authCaPem: ca.auth.pem,
      signCaPem: ca.sign.pem,
    },
    certificates: { sign, auth },
  };
}
