// Test support for shelter check-in: shelters in the database, an enrolled terminal, and journal events as
// a terminal makes them.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/index.ts';
import { call, type TestApp } from '../http/testing/test-app.ts';
import type { PersonRef, ShelterEvent } from './contracts.ts';

export const shelterA = 'E3638700058111';
export const shelterB = 'E3638700059111';
/** In another municipality (那賀町 368024). */
export const shelterOther = 'E3680200001111';

export async function insertShelters(db: Queryable): Promise<void> {
  for (const [id, code, name] of [
    [shelterA, '363871', '美波町立日和佐小学校'],
    [shelterB, '363871', '美波町福祉センター'],
    [shelterOther, '368024', '那賀町民体育館'],
  ] as const) {
    await db.query(
      `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source,
         imported_at) VALUES ($1, $2, 'evacuation-shelter', $3, '徳島県', 33.7, 134.5, 'test', now())
       ON CONFLICT DO NOTHING`,
      [id, code, name],
    );
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface TestTerminal {
  terminalId: string;
  headers: Record<string, string>;
  /** Makes the next event of this terminal's journal. */
  next(event: DistributiveOmit<ShelterEvent, 'id' | 'seq' | 'at'> & { at?: string }): ShelterEvent;
}

export async function enrolTestTerminal(
  t: TestApp,
  admin: Record<string, string>,
  shelterId: string,
): Promise<TestTerminal> {
  const response = await call(t, 'POST', `/api/v1/shelters/${shelterId}/terminals`, {
    headers: admin,
    body: { label: `受付 ${shelterId}` },
  });
  if (response.status !== 201)
    throw new Error(`enrolment failed: ${response.status} ${await response.text()}`);
  const { terminalId, terminalSecret } = (await response.json()) as Record<string, string>;
  let seq = 0;
  return {
    terminalId: terminalId ?? '',
    headers: { authorization: `Terminal ${terminalId}.${terminalSecret}` },
    next: (event) =>
      ({ at: new Date().toISOString(), ...event, id: randomUUID(), seq: ++seq }) as ShelterEvent,
  };
}

export const card = (n: number, overrides: Partial<PersonRef & { kind: 'card' }> = {}): PersonRef => ({
  kind: 'card',
  certificateFingerprint: n.toString(16).padStart(64, '0'),
  certificateNotAfter: '2030-01-01T00:00:00.000Z',
  check: 'valid',
  crlAgeSeconds: 600,
  pinVerified: false,
  ...overrides,
});
