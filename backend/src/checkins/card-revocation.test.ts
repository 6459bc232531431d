// The backend's own CRL check of tapped cards at ingestion: a card the terminal called valid (its cached CRL
// was older than the revocation) is stored flagged `revoked`, its terminal verdict kept beside; a good card
// stays unflagged; a CRL that does not verify against the auth anchor finds nothing revoked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../crypto/index.ts';
import { currentCrl, type DevPki, initDevPki } from '../dev-jpki/index.ts';
import { revokeCertificate } from '../dev-jpki/revoke-certificate.ts';
import { createTestApp, loginAsAdmin, type TestApp } from '../http/testing/test-app.ts';
import { trustAnchorsFromDer } from '../jpki/index.ts';
import { type CardRevocationCheck, createCardRevocationCheck } from './card-revocation.ts';
import {
  card,
  enrolTestTerminal,
  insertShelters,
  shelterA,
  type TestTerminal,
} from './checkin-test-support.ts';
import { ingestEvents } from './event-ingestion.ts';

let dir: string;
let pki: DevPki;
let t: TestApp;
let terminal: TestTerminal;
let revokedSerial: string;
let revocation: CardRevocationCheck;
const serialForm = (hex: string) => hex.toUpperCase().replace(/^0+(?=.)/, '');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'myna-card-revocation-'));
  pki = await initDevPki({ dir });
  const holder = pki.holders[0]?.id as string;
  revokedSerial = serialForm(
    (await revokeCertificate(pki, { purpose: 'auth', holderId: holder, reason: 'affiliationChanged' }))
      .serial,
  );
  const anchors = trustAnchorsFromDer({ sign: [pki.ca.sign.der], auth: [pki.ca.auth.der] });
  revocation = createCardRevocationCheck({
    loadCrl: () => currentCrl(pki, 'auth'),
    issuers: anchors.auth,
    now: () => new Date(),
  });
  t = await createTestApp();
  await insertShelters(t.db);
  terminal = await enrolTestTerminal(t, await loginAsAdmin(t), shelterA);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('card revocation at ingestion', () => {
  it('flags a card revoked on the current CRL although the terminal called it valid', async () => {
    expect(await revocation.revokedAmong([revokedSerial, '7FFF01'])).toEqual(new Set([revokedSerial]));
    await ingestEvents(t.db, {
      terminal: { terminalId: terminal.terminalId, shelterId: shelterA },
      events: [
        terminal.next({
          type: 'check-in',
          person: card(1, { certificateSerial: revokedSerial }),
          groupId: null,
        }),
        terminal.next({ type: 'check-in', person: card(2, { certificateSerial: '7FFF01' }), groupId: null }),
      ],
      cipher: createFieldCipher([{ id: 'test', key: new Uint8Array(32).fill(7) }]),
      now: new Date(),
      revocation,
    });
    const rows = await t.db.query<{ seq: number; card_check: string; flag: string | null }>(
      'SELECT seq::int AS seq, card_check, flag FROM shelter_checkin_events WHERE terminal_id = $1 ORDER BY seq',
      [terminal.terminalId],
    );
    expect(rows).toEqual([
      { seq: 1, card_check: 'valid', flag: 'revoked' },
      { seq: 2, card_check: 'valid', flag: null },
    ]);
  });

  it('trusts no CRL that the auth anchor did not sign', async () => {
    const other = await initDevPki({ dir: join(dir, 'other') });
    const foreign = createCardRevocationCheck({
      loadCrl: () => currentCrl(pki, 'auth'),
      issuers: trustAnchorsFromDer({ sign: [other.ca.sign.der], auth: [other.ca.auth.der] }).auth,
      now: () => new Date(),
    });
    expect(await foreign.revokedAmong([revokedSerial])).toEqual(new Set());
  });
});
