// The text `npm start` prints once everything runs: where each part answers and how to sign in.
import type { DemoSeedReport, HolderProfile, OperatorRole } from '@myna-tv/backend';
import { demoInsurer, demoOperatorAccounts, demoOperatorPassword } from '@myna-tv/backend';

export interface RunningSystem {
  backendUrl: string;
  bridgeUrl: string;
  /** The holder whose virtual card is in the simulated box. */
  bridgeHolder: string;
  ocspUrl: string;
  tvApp: 'built' | 'configured';
  database: 'pglite' | 'postgresql';
  dataDir: string;
  holders: readonly HolderProfile[];
}

const roleNames: Record<OperatorRole, string> = {
  'operator-admin': 'operator admin (CATV)',
  'municipality-staff': 'municipality staff',
  'shelter-staff': 'shelter staff',
};

const tvNotes = {
  built: 'tv-app/dist',
  configured: 'TV_APP_DIR',
} as const;

export function describeSeed(report: DemoSeedReport): string {
  const { households, accounts } = report;
  const news = households.created === 0 && accounts.created.length === 0 ? ' (reused)' : '';
  return `${report.shelters} shelters, ${households.total} households (${households.created} new), ${accounts.total} operator accounts (${accounts.created.length} new)${news}`;
}

export function formatSummary(system: RunningSystem): string {
  const { backendUrl: url } = system;
  const row = (name: string, value: string, note?: string) =>
    `  ${name.padEnd(15)}${value}${note ? `   (${note})` : ''}`;
  const database =
    system.database === 'pglite' ? `PGlite in ${system.dataDir}/db` : 'PostgreSQL (DATABASE_URL)';
  const [firstHolder] = system.holders;
  return [
    '',
    `Myna TV is running. Database: ${database}.`,
    '',
    row('Backend', url),
    row('API', `${url}/api/v1`),
    row('OpenAPI', `${url}/api/v1/openapi.json`),
    row('TV app', `${url}/tv/`, tvNotes[system.tvApp]),
    row('Ops dashboard', `${url}/ops/`),
    row('STB bridge', system.bridgeUrl, `local API of the simulated box, card of ${system.bridgeHolder}`),
    row('Dev JPKI OCSP', system.ocspUrl),
    '',
    `Demo operator logins (password ${demoOperatorPassword}):`,
    ...demoOperatorAccounts.map((a) =>
      row(a.loginName, roleNames[a.role], a.localGovernmentCode ?? undefined),
    ),
    '',
    firstHolder
      ? `Demo card holders (PIN ${firstHolder.pin}, signature password ${firstHolder.password}), residents of 美波町:`
      : 'No demo card holders.',
    ...system.holders.map((h) => row(h.id, h.label)),
    '',
    `Demo insurer ${demoInsurer.name} (API client, HTTP Basic; 現況届 of ${demoInsurer.contract.holderId} due this month):`,
    row('client id', demoInsurer.clientId),
    row('secret', demoInsurer.secret),
    row('reports', `${url}/api/v1/insurer/reports`),
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
