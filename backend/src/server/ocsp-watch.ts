// Watches the OCSP responder through the answers it gives to real lookups (no extra traffic to J-LIS): an
// answer of good or revoked means it works; unknown means it could not be used (unreachable, bad or stale
// answer), and logins then depend on the CRL fallback. Read by GET /health.
import type { JpkiHealth } from '../http/index.ts';
import type { StatusSource } from '../jpki/index.ts';

export interface WatchedStatusSource extends StatusSource {
  state(): JpkiHealth['ocsp'];
}

export function watchOcsp(ocsp: StatusSource, clock: () => Date): WatchedStatusSource {
  let state: JpkiHealth['ocsp'] = { status: 'unchecked', lastCheck: null };
  return {
    async check(query) {
      const answer = await ocsp.check(query);
      state = { status: answer.status === 'unknown' ? 'failing' : 'ok', lastCheck: clock().toISOString() };
      return answer;
    },
    state: () => state,
  };
}
