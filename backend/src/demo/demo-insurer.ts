// The demo's insurer: マイナ生命保険, an API client of role 'insurer' with a documented secret (a fixture like
// the demo operators' password: a demo database is not for real use), the default form, and a 個人年金 contract
// of the card holder 田中 花子 whose report is due in the month of the first seeding, so `npm start` shows one
// due report on TV. It has no delivery endpoint: its reports wait in the outbox as 'no-endpoint' and are
// fetched through the insurer API (GET /api/v1/insurer/reports, …/cms) with the credentials below.
import { hashSecret } from '../accounts/index.ts';
import { type AuditActor, recordAudit } from '../audit/index.ts';
import type { FieldCipher } from '../crypto/index.ts';
import type { Database } from '../db/index.ts';
import { demoHolders, gregorianOf } from '../dev-jpki/index.ts';
import type { BlindIndex } from '../residents/index.ts';
import { japanDate } from '../status-reports/due-period.ts';
import { putContract, type StatusReportHolder, saveInsurerProfile } from '../status-reports/index.ts';

export const demoInsurer = {
  clientId: '6d796e61-0000-4000-8000-000000000001',
  secret: 'minami-demo-insurer-secret-2026',
  name: 'マイナ生命保険',
  contract: { referenceNumber: 'MYNA-NENKIN-0000123', holderId: 'tanaka-hanako' },
} as const;

const genders = { '1': 'male', '2': 'female', '3': 'unknown' } as const;

function holderOf(holderId: string): StatusReportHolder {
  const seed = demoHolders.find((h) => h.id === holderId);
  if (seed === undefined) throw new Error(`no demo holder ${holderId}`);
  const { year, month, day } = gregorianOf(seed.basicInfo.dateOfBirth);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    name: seed.basicInfo.name,
    dateOfBirth: `${year}-${pad(month)}-${pad(day)}`,
    gender: genders[seed.basicInfo.gender],
    address: seed.basicInfo.address,
  };
}

/** Creates what is missing of the demo insurer; resolves to the reference numbers of contracts created. */
export async function seedDemoInsurer(
  db: Database,
  options: { cipher: FieldCipher; blindIndex: BlindIndex; actor: AuditActor; now: Date },
): Promise<string[]> {
  const { cipher, blindIndex, actor, now } = options;
  return db.transaction(async (tx) => {
    const created = await tx.query(
      `INSERT INTO api_clients (id, name, role, secret_hash, created_at) VALUES ($1, $2, 'insurer', $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [demoInsurer.clientId, demoInsurer.name, hashSecret(demoInsurer.secret), now],
    );
    if (created.length === 0) return [];
    await recordAudit(tx, {
      actor,
      action: 'api-client.create',
      target: { type: 'api-client', id: demoInsurer.clientId },
      at: now,
    });
    await saveInsurerProfile(tx, cipher, {
      insurerId: demoInsurer.clientId,
      input: { displayName: demoInsurer.name, endpoint: null },
      now,
    });
    const { referenceNumber, holderId } = demoInsurer.contract;
    await putContract(tx, {
      cipher,
      blindIndex,
      insurerId: demoInsurer.clientId,
      referenceNumber,
      input: { dueMonth: japanDate(now).month, holder: holderOf(holderId) },
      now,
    });
    return [referenceNumber];
  });
}
