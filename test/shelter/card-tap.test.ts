// A tap at the shelter desk with the virtual card through pcscd: the user-auth certificate is read without
// a PIN, checked offline against the cached CA and CRL, and journalled; with the PIN the card proves the holder
// is present; revoked and untrusted cards are journalled with their verdict, not silently accepted.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { revokeCertificate } from '@myna-tv/backend';
import { CheckinJournal, loadCardTrust, parseCrl, tapCheckIn } from '@myna-tv/stb-bridge';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type CardDesk, openCardDesk } from './support/card-desk.ts';

let desk: CardDesk;
beforeAll(async () => {
  desk = await openCardDesk();
}, 60_000);
afterAll(() => desk?.close());

let journalDir: string;
let journal: CheckinJournal;
beforeEach(async () => {
  journalDir = await mkdtemp(join(tmpdir(), 'myna-shelter-tap-'));
  ({ journal } = await CheckinJournal.open(journalDir));
});
afterEach(async () => {
  await journal.close();
  await rm(journalDir, { recursive: true, force: true });
});

const fingerprint = () =>
  createHash('sha256').update(new X509Certificate(desk.holder.authCertPem).raw).digest('hex');

it('reads the certificate without a PIN, checks it offline and journals the check-in', async () => {
  const trust = await loadCardTrust(desk.trustDir);
  const { event, check } = await desk.access.withJpki((card) =>
    tapCheckIn({ card, trust, journal, groupId: null }),
  );
  expect(check.result).toBe('valid');
  expect(check.crlAgeSeconds).toEqual(expect.any(Number));
  expect(event).toMatchObject({
    seq: 1,
    type: 'check-in',
    person: { kind: 'card', certificateFingerprint: fingerprint(), check: 'valid', pinVerified: false },
  });
  expect(journal.eventsAfter(0, 5)).toEqual([event]);
});

it('with the PIN, has the card sign a challenge: the holder is present', async () => {
  const trust = await loadCardTrust(desk.trustDir);
  const { event } = await desk.access.withJpki((card) =>
    tapCheckIn({ card, trust, journal, groupId: null, pin: desk.holder.pin }),
  );
  expect(event).toMatchObject({ person: { pinVerified: true } });
  const wrong = desk.holder.pin === '0000' ? '1111' : '0000';
  const err = await desk.access
    .withJpki((card) => tapCheckIn({ card, trust, journal, groupId: null, pin: wrong }))
    .catch((e: unknown) => e);
  expect((err as { code?: string }).code).toBe('card.pin-wrong');
  expect(journal.lastSeq).toBe(1); // nothing journalled for the refused tap
  await desk.access.withJpki((card) =>
    tapCheckIn({ card, trust, journal, groupId: null, pin: desk.holder.pin }),
  ); // restores the tries
});

it('journals a card of an unknown CA as untrusted, and reports no CRL age without a CRL', async () => {
  const trust = { authorities: [], crl: null };
  const { event, check } = await desk.access.withJpki((card) =>
    tapCheckIn({ card, trust, journal, groupId: null }),
  );
  expect(check).toMatchObject({ result: 'untrusted', crlAgeSeconds: null });
  expect(event).toMatchObject({ person: { check: 'untrusted', crlAgeSeconds: null } });
});

it('journals a card on the cached CRL as revoked (once the terminal has that CRL)', async () => {
  await revokeCertificate(desk.pki, { purpose: 'auth', holderId: desk.holder.id, reason: 'keyCompromise' });
  const stale = await loadCardTrust(desk.trustDir);
  expect(
    (await desk.access.withJpki((card) => tapCheckIn({ card, trust: stale, journal, groupId: null }))).check
      .result,
  ).toBe('valid');
  await desk.refreshCrl();
  const fresh = await loadCardTrust(desk.trustDir);
  const { event } = await desk.access.withJpki((card) =>
    tapCheckIn({ card, trust: fresh, journal, groupId: null }),
  );
  expect(event).toMatchObject({ person: { check: 'revoked' } });
});

it('ignores a CRL not signed by a cached CA', async () => {
  const trust = await loadCardTrust(desk.trustDir);
  const der = await readFile(join(desk.trustDir, 'auth.crl'));
  expect(parseCrl(der, [])).toBeNull();
  const tampered = Buffer.from(der);
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
  expect(parseCrl(tampered, trust.authorities)).toBeNull();
});
