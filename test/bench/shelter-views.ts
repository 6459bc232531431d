// How long the dashboard's shelter reads take on PostgreSQL with many check-ins: 20,000 people (as 22,000
// events: check-ins, some check-outs and moves) at 40 shelters, 4 terminals each; each view read once warm.
// The dashboard polls status, arrivals and supplies every 5 s.
//   npx tsx test/bench/shelter-views.ts [--people 20000]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createFieldCipher,
  createPostgresDatabase,
  createTempPostgresDatabase,
  migrate,
} from '@myna-tv/backend';
import {
  arrivalsOverTime,
  flaggedEvents,
  shelterStatuses,
} from '../../backend/src/checkins/shelter-views.ts';
import { estimateSupplies } from '../../backend/src/checkins/supplies.ts';

export async function benchShelterViews(
  options: { people?: number } = {},
): Promise<{ name: string; figures: Record<string, number | string> }> {
  const { people = 20_000 } = options;
  const temp = await createTempPostgresDatabase();
  const db = createPostgresDatabase({ url: temp.url });
  try {
    await migrate(db);
    await db.query(
      `INSERT INTO shelters (id, local_government_code, kind, name, address, latitude, longitude, source,
         imported_at, capacity, capacity_text)
       SELECT 'E36387' || lpad(n::text, 8, '0'), '363871', 'evacuation-shelter', '避難所' || n, '美波町', 33.7,
              134.5, 'bench', now(), 1000, '1000人'
         FROM generate_series(1, 40) n`,
    );
    await db.query(
      `INSERT INTO shelter_terminals (id, shelter_id, label, secret_hash, enrolled_at)
       SELECT gen_random_uuid(), 'E36387' || lpad((n % 40 + 1)::text, 8, '0'), 'bench', 'x', now() - interval '1 day'
         FROM generate_series(0, 159) n`,
    );
    // Every person checks in once; one in ten later checks out or moves.
    await db.query(
      `WITH t AS (SELECT id, shelter_id, row_number() OVER (ORDER BY id) - 1 AS k FROM shelter_terminals)
       INSERT INTO shelter_checkin_events (id, terminal_id, seq, shelter_id, type, occurred_at, received_at,
         person_key, certificate_not_after, card_check, flag, group_id)
       SELECT gen_random_uuid(), t.id, n / 160 + 1, t.shelter_id, 'check-in',
              now() - make_interval(secs => (n % 86400)), now(), 'card:' || lpad(to_hex(n), 64, '0'),
              '2030-01-01', CASE WHEN n % 500 = 0 THEN 'revoked' ELSE 'valid' END,
              CASE WHEN n % 500 = 0 THEN 'revoked' END, NULL
         FROM generate_series(0, $1 - 1) n JOIN t ON t.k = n % 160`,
      [people],
    );
    await db.query(
      `INSERT INTO shelter_checkin_events (id, terminal_id, seq, shelter_id, type, occurred_at, received_at,
         person_key, certificate_not_after, card_check, to_shelter_id)
       SELECT gen_random_uuid(), terminal_id, seq + 1000000, shelter_id, CASE WHEN random() < 0.5 THEN 'check-out' ELSE 'move' END,
              occurred_at + interval '1 minute', received_at, person_key, certificate_not_after, card_check, NULL
         FROM shelter_checkin_events WHERE seq % 10 = 0`,
    );
    await db.query('ANALYZE');
    const reader = { municipality: null };
    const cipher = createFieldCipher([{ id: 'bench', key: new Uint8Array(32).fill(1) }]);
    const time = async (read: () => Promise<unknown>) => {
      await read();
      const start = performance.now();
      await read();
      return Math.round(performance.now() - start);
    };
    const events = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM shelter_checkin_events');
    return {
      name: 'shelter views (PostgreSQL)',
      figures: {
        people,
        events: events[0]?.n ?? 0,
        'status ms': await time(() => shelterStatuses(db, reader)),
        'arrivals ms': await time(() =>
          arrivalsOverTime(db, { ...reader, since: new Date(Date.now() - 86_400_000), bucketSeconds: 1800 }),
        ),
        'supplies ms': await time(() =>
          estimateSupplies(db, { ...reader, cipher, days: 1, now: new Date() }),
        ),
        'flags ms': await time(() => flaggedEvents(db, { ...reader, limit: 200 })),
      },
    };
  } finally {
    await db.close();
    await temp.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { people: { type: 'string' } } });
  const result = await benchShelterViews(values.people ? { people: Number(values.people) } : {});
  console.log(JSON.stringify(result, null, 2));
}
