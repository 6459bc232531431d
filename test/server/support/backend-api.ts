// A client of a running backend for the server tests and the login benchmark: JSON calls, and the flows an
// operator and a set-top box go through (admin login, enrolment, registration, card login).
import { type Database, ensureFirstAdmin } from '@myna-tv/backend';
import { loginProof, type ResidentCard, registrationRequest } from './resident-card.ts';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field and checked with expect.
  json: any;
}

export async function call(
  url: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

export const sampleHousehold = {
  address: '徳島県海部郡美波町奥河内字寺前１２３番地',
  latitude: 33.7347,
  longitude: 134.5353,
  localGovernmentCode: '363871',
  machiazaId: '0001001',
  members: [{ name: 'たなか はなこ', birthYear: 1948, needsAssistance: false }],
};

/** Creates the first admin in `db` (once) and logs in; resolves to the Authorization header. */
export async function adminHeaders(url: string, db: Database): Promise<Record<string, string>> {
  const password = 'correct horse battery staple';
  await ensureFirstAdmin(db, { loginName: 'admin', displayName: 'Admin', password, now: new Date() });
  const { status, json } = await call(url, '/api/v1/operator/login', {
    body: { loginName: 'admin', password },
  });
  if (status !== 200) throw new Error(`admin login: ${status} ${JSON.stringify(json)}`);
  return { authorization: `Bearer ${json.sessionToken}` };
}

export interface Box {
  deviceId: string;
  secret: string;
  householdId: string;
  headers: Record<string, string>;
}

export async function enrolBox(url: string, admin: Record<string, string>): Promise<Box> {
  const { status, json } = await call(url, '/api/v1/devices', {
    headers: admin,
    body: { label: 'STB', household: sampleHousehold },
  });
  if (status !== 201) throw new Error(`enrolment: ${status} ${JSON.stringify(json)}`);
  return {
    deviceId: json.deviceId,
    secret: json.deviceSecret,
    householdId: json.householdId,
    headers: { authorization: `Device ${json.deviceId}.${json.deviceSecret}` },
  };
}

export async function fetchChallenge(url: string, box: Box): Promise<string> {
  const { status, json } = await call(url, '/api/v1/login/challenge', {
    method: 'POST',
    headers: box.headers,
  });
  if (status !== 200) throw new Error(`challenge: ${status} ${JSON.stringify(json)}`);
  return json.challenge;
}

export async function register(url: string, box: Box, card: ResidentCard): Promise<Answer> {
  const body = await registrationRequest(card, await fetchChallenge(url, box));
  return call(url, '/api/v1/residents/registrations', { headers: box.headers, body });
}

export async function login(url: string, box: Box, card: ResidentCard): Promise<Answer> {
  const body = loginProof(card, await fetchChallenge(url, box));
  return call(url, '/api/v1/login', { headers: box.headers, body });
}
