// Login challenges in PostgreSQL, so a box may fetch a challenge from one backend node and answer on another.
// `consume` is one conditional UPDATE: of two racing answers exactly one flips `used`.
import type { Queryable } from '../db/index.ts';
import type { ChallengeStore, StoredChallenge } from '../jpki/index.ts';

interface ChallengeRow {
  device_id: string;
  expires_at: Date;
}

export function createPgChallengeStore(db: Queryable): ChallengeStore {
  const record = (challenge: string, row: ChallengeRow): StoredChallenge => ({
    challenge,
    deviceId: row.device_id,
    expiresAt: row.expires_at,
  });
  return {
    // Expired challenges are removed by purgeExpired, which the server's housekeeping runs periodically: a
    // DELETE on every save would double the database round trips of issuing a challenge.
    async save({ challenge, deviceId, expiresAt }) {
      await db.query('INSERT INTO login_challenges (challenge, device_id, expires_at) VALUES ($1, $2, $3)', [
        challenge,
        deviceId,
        expiresAt,
      ]);
    },
    async consume(challenge) {
      const first = await db.query<ChallengeRow>(
        'UPDATE login_challenges SET used = true WHERE challenge = $1 AND NOT used RETURNING device_id, expires_at',
        [challenge],
      );
      if (first[0] !== undefined) return { record: record(challenge, first[0]), alreadyUsed: false };
      const again = await db.query<ChallengeRow>(
        'SELECT device_id, expires_at FROM login_challenges WHERE challenge = $1',
        [challenge],
      );
      return again[0] === undefined ? undefined : { record: record(challenge, again[0]), alreadyUsed: true };
    },
    async purgeExpired(before) {
      const removed = await db.query('DELETE FROM login_challenges WHERE expires_at < $1 RETURNING 1', [
        before,
      ]);
      return removed.length;
    },
  };
}
