// The 現況届 rig (report-rig.ts: TV app, backend node, bridge, the virtual card through pcscd + vpcd, Chromium)
// with what 母子健康情報 adds: the municipality (美波町) as an API client that sends its children's records as a
// FHIR bundle and approves applications, the parent's 利用申込み signed on the holder's card (a second reader
// in the test process, as the parent's own card reader would be: real APDUs, the signature password), and
// the reminder job that sends 予防接種のおしらせ.
import { join } from 'node:path';
import { createApiClient, type HolderProfile } from '@myna-tv/backend';
import { BackendClient, JpkiClient, loadVirtualCard, signCms, VirtualReader } from '@myna-tv/stb-bridge';
import { expect } from 'vitest';
import {
  bundle,
  checkup,
  childIdSystem,
  immunization,
  measurement,
  patient,
} from '../../../backend/src/health/health-test-support.ts';
import { sendVaccinationReminders } from '../../../backend/src/health/index.ts';
import { linkApplicationType } from '../../../backend/src/health/link-applications.ts';
import { type ReportRig, startReportRig } from './report-rig.ts';

export const minami = '363871';
const day = 86_400_000;
/** Japan date of an instant, YYYY-MM-DD. */
export const japanDay = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);

export interface HealthRig extends ReportRig {
  /** A call to the health API as the municipality (`/api/v1` + path). */
  municipalityCall(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
  /** The parent's 利用申込み for the children named, signed on the card and sent with a session of its own. */
  apply(children: { name: string; birthDate: string }[]): Promise<{ applicationId: string }>;
  /** The reminder job, as the server would run it daily. */
  sendReminders(): Promise<{ notices: number }>;
}

export async function startHealthRig(name: string): Promise<HealthRig> {
  const rig = await startReportRig(name, []);
  const { backend, holder } = rig;
  const actor = { id: 'health-test', role: 'system', requestId: null } as const;
  const { client, secret } = await createApiClient(backend.db, {
    name: '美波町 母子保健システム',
    role: 'municipality',
    localGovernmentCode: minami,
    actor,
    now: new Date(),
  });
  const authorization = `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`;
  const municipalityCall = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${backend.url}/api/v1${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const apply = async (children: { name: string; birthDate: string }[]) =>
    signAndApply({
      backendUrl: backend.url,
      pkiDir: backend.pkiDir,
      holder,
      cardStateDir: join(rig.workDir, 'parent-card'),
      device: await backend.enrolBox(),
      children,
    });

  return {
    ...rig,
    municipalityCall,
    apply,
    sendReminders: () =>
      sendVaccinationReminders({
        db: backend.db,
        cipher: backend.cipher,
        clock: () => new Date(),
        leadDays: 14,
      }),
  };
}

/** A parent's 利用申込み to 美波町: the holder logs in on `device` with the virtual card (auth key) and sends the
 * application signed with the signature key (real APDUs, no pcscd: a second reader in the test process). */
export async function signAndApply(options: {
  backendUrl: string;
  pkiDir: string;
  holder: HolderProfile;
  /** Where the parent's virtual card keeps its PIN counters. */
  cardStateDir: string;
  /** The box the parent logs in on (registered or not: login needs only the card). */
  device: { deviceId: string; secret: string };
  children: { name: string; birthDate: string }[];
}): Promise<{ applicationId: string }> {
  const { holder, device, children } = options;
  const card = await loadVirtualCard({
    holderId: holder.id,
    pkiDir: options.pkiDir,
    stateDir: options.cardStateDir,
  });
  const reader = new VirtualReader({ card });
  const api = new BackendClient({ urls: [options.backendUrl], credential: device });
  const { challenge } = await api.requestChallenge();
  const document = {
    type: linkApplicationType,
    applicationId: crypto.randomUUID(),
    localGovernmentCode: minami,
    children,
    signedAt: new Date().toISOString(),
  };
  const connection = await reader.connect();
  try {
    const jpki = new JpkiClient(connection);
    await jpki.selectJpkiAp();
    await jpki.verifyPin('auth', holder.pin);
    const authCertificate = await jpki.readCertificate('auth');
    const signature = await jpki.signWithAuthKey(new Uint8Array(Buffer.from(challenge, 'base64url')));
    const session = await api.login({
      challenge,
      certificate: Buffer.from(authCertificate).toString('base64'),
      signature: Buffer.from(signature).toString('base64'),
    });
    await jpki.verifyPin('sign', holder.password);
    const cms = await signCms({
      content: new TextEncoder().encode(JSON.stringify(document)),
      signerCertificate: await jpki.readCertificate('sign'),
      signDigestInfo: (digestInfo) => jpki.signDigestInfo('sign', digestInfo),
    });
    const response = await fetch(`${options.backendUrl}/api/v1/residents/me/health-applications`, {
      method: 'POST',
      headers: {
        authorization: `Device ${device.deviceId}.${device.secret}`,
        'x-resident-session': session.sessionToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ signedApplication: Buffer.from(cms).toString('base64') }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return { applicationId: document.applicationId };
  } finally {
    await connection.disconnect();
    await reader.close();
  }
}

/** A boy born `ageDays` ago with weights, heights, two checkups and two routine doses given, as FHIR. */
export function childBundle(options: { id: string; name: string; ageDays: number }) {
  const birthMs = Date.now() - options.ageDays * day;
  const at = (days: number) => `${japanDay(birthMs + days * day)}T10:00:00+09:00`;
  const { id } = options;
  return {
    birthDate: japanDay(birthMs),
    identifier: { system: childIdSystem, value: id },
    bundle: bundle(
      patient(id, { municipality: minami, birthDate: japanDay(birthMs), gender: 'male', name: options.name }),
      measurement(`${id}-w0`, id, 'weight', 3.1, at(0)),
      measurement(`${id}-h0`, id, 'height', 49.5, at(0)),
      measurement(`${id}-w1`, id, 'weight', 4.4, at(31)),
      measurement(`${id}-h1`, id, 'height', 54.0, at(31)),
      measurement(`${id}-w4`, id, 'weight', 7.4, at(122)),
      measurement(`${id}-h4`, id, 'height', 63.9, at(122)),
      checkup(`${id}-c1`, id, '1か月児健康診査', '異常なし', at(31)),
      checkup(`${id}-c4`, id, '4か月児健康診査', '異常なし（経過観察なし）', at(122)),
      immunization(`${id}-hepb1`, id, { vaccine: 'hepb', dose: 1, at: at(61) }),
      immunization(`${id}-pcv1`, id, { vaccine: 'pcv', dose: 1, at: at(61) }),
    ),
  };
}
