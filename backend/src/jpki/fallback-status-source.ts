// Asks status sources in order (OCSP first, then CRL) and keeps the first answer that is not unknown; when
// all are unknown, the reasons are joined so the log says why each one failed.
import type { RevocationStatus, StatusQuery, StatusSource } from './revocation-status.ts';

export function createFallbackStatusSource(sources: readonly StatusSource[]): StatusSource {
  return {
    async check(query: StatusQuery): Promise<RevocationStatus> {
      const reasons: string[] = [];
      for (const source of sources) {
        const status = await source.check(query);
        if (status.status !== 'unknown') return status;
        reasons.push(status.why);
      }
      return { status: 'unknown', why: reasons.join('; ') || 'no status source configured' };
    },
  };
}
