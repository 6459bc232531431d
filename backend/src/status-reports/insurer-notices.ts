// An insurer's notice to the resident of one of its contracts, into the resident's お知らせ.
import type { FieldCipher } from '../crypto/index.ts';
import type { Queryable } from '../db/index.ts';
import { addNotice } from '../mailbox/index.ts';
import { readInsurerProfile } from './insurer-profiles.ts';
import { findInsurerContract } from './report-contracts.ts';
import { StatusReportError } from './status-report-error.ts';

export async function sendInsurerNotice(
  db: Queryable,
  cipher: FieldCipher,
  options: { insurerId: string; referenceNumber: string; title: string; body: string; now: Date },
): Promise<string> {
  const contract = await findInsurerContract(db, options.insurerId, options.referenceNumber);
  if (contract === undefined) throw new StatusReportError('insurer.contract-not-found', 'no such contract');
  if (contract.residentId === null) {
    throw new StatusReportError(
      'insurer.contract-unmatched',
      'the holder of this contract has not registered on a TV yet',
    );
  }
  const profile = await readInsurerProfile(db, options.insurerId);
  return addNotice(db, cipher, {
    residentId: contract.residentId,
    sender: { kind: 'insurer', id: options.insurerId, name: profile?.displayName ?? '' },
    kind: 'insurer-notice',
    title: options.title,
    body: options.body,
    now: options.now,
  });
}
