// A real backend node (test/bridge/support/backend-node.ts) with shelters and enrolled check-in terminals,
// and what the shelter tests read back from its database.
import { enrolTerminal, shelterOccupancy } from '@myna-tv/backend';
import { type BackendNode, startBackendNode } from '../../bridge/support/backend-node.ts';

export const shelterA = 'E3638700058111';
export const shelterB = 'E3638700059111';

export interface ShelterBackend extends BackendNode {
  /** A terminal enrolled to `shelterId`: its credential for stb-bridge. */
  enrolTerminal(shelterId: string): Promise<{ terminalId: string; secret: string }>;
  /** Stored events of a terminal: seq and id, by seq. */
  storedEvents(terminalId: string): Promise<{ seq: number; id: string; person_key: string }[]>;
  peopleAt(shelterId: string): Promise<number>;
}

export async function startShelterBackend(): Promise<ShelterBackend> {
  const node = await startBackendNode();
  for (const [id, name] of [
    [shelterA, '美波町立日和佐小学校'],
    [shelterB, '美波町福祉センター'],
  ] as const) {
    await node.db.query(
      `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source,
         imported_at) VALUES ($1, '363871', 'evacuation-shelter', $2, '徳島県海部郡美波町', 33.73, 134.53,
         'test', now())
       ON CONFLICT (id) DO NOTHING`,
      [id, name],
    );
  }
  return {
    ...node,
    async enrolTerminal(shelterId) {
      const { terminalId, secret } = await enrolTerminal(node.db, {
        shelterId,
        label: `受付 ${shelterId}`,
        actor: { id: 'shelter-test', role: 'system', requestId: null },
        now: new Date(),
      });
      return { terminalId, secret };
    },
    storedEvents: (terminalId) =>
      node.db.query(
        'SELECT seq::int AS seq, id, person_key FROM shelter_checkin_events WHERE terminal_id = $1 ORDER BY seq',
        [terminalId],
      ),
    async peopleAt(shelterId) {
      const rows = await shelterOccupancy(node.db, { localGovernmentCode: null });
      return rows.find((row) => row.shelterId === shelterId)?.people ?? 0;
    },
  };
}
