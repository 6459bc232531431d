// Enrolling a check-in terminal to its shelter, once, at installation: an operator admin logs in to the
// backend, the backend enrols the terminal (POST /shelters/{shelterId}/terminals) and answers its secret, and
// the terminal credential file the terminal reads at start is written (0600 in a 0700 folder). The file also
// pins the root CA fingerprints the terminal's trust download must chain to (trust-pins.ts): given by the
// installer (e.g. the J-LIS root), or else the CA served at the trust URL now, under the operator's login.
import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ErrorBody } from '@myna-tv/backend';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import type { TerminalCredentialFile } from './terminal-credential.ts';
import { TerminalSetupError } from './terminal-setup-error.ts';
import { certificatesOfPem, fingerprintOf, normaliseFingerprint } from './trust-pins.ts';

export interface EnrolShelterTerminalOptions {
  backendUrl: string;
  /** An operator admin's login. */
  loginName: string;
  password: string;
  shelterId: string;
  label: string;
  /** Where the terminal reads its credential (BRIDGE_SHELTER_CREDENTIAL); must not exist yet. */
  credentialFile: string;
  /** Base URL serving `auth-ca.pem`; default: the development JPKI, `<backendUrl>/dev-jpki`. */
  trustUrl?: string;
  /** SHA-256 fingerprints (hex, colons allowed) of the roots to pin; default: the CA at `trustUrl` now. */
  trustRoots?: readonly string[];
  timeoutMs?: number;
}

export async function enrolShelterTerminal(
  options: EnrolShelterTerminalOptions,
): Promise<TerminalCredentialFile> {
  const base = options.backendUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  // An existing file is a terminal already enrolled: enrolling again would orphan it (revoke it first).
  if (
    await access(options.credentialFile).then(
      () => true,
      () => false,
    )
  ) {
    throw new TerminalSetupError(
      'shelter.already-enrolled',
      `${options.credentialFile} exists: this terminal is enrolled already (revoke it and remove the file to enrol again)`,
    );
  }
  const trustRoots = options.trustRoots?.map(normaliseFingerprint) ?? [
    await fingerprintAt(options.trustUrl ?? `${base}/dev-jpki`, timeoutMs),
  ];
  if (trustRoots.length === 0) throw new TerminalSetupError('shelter.enrol-refused', 'no trust root to pin');

  const call = async <T>(path: string, init: { token?: string; body?: unknown }): Promise<T> => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      const code = ((await response.json().catch(() => ({}))) as Partial<ErrorBody>).error?.code ?? '';
      throw new TerminalSetupError(
        'shelter.enrol-refused',
        `POST ${path} answered ${response.status} ${code}`.trim(),
      );
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const { sessionToken } = await call<{ sessionToken: string }>('/operator/login', {
    body: { loginName: options.loginName, password: options.password },
  });
  try {
    const enrolled = await call<{ terminalId: string; shelterId: string; terminalSecret: string }>(
      `/shelters/${encodeURIComponent(options.shelterId)}/terminals`,
      { token: sessionToken, body: { label: options.label } },
    );
    const credential: TerminalCredentialFile = {
      terminalId: enrolled.terminalId,
      secret: enrolled.terminalSecret,
      shelterId: enrolled.shelterId,
      trustRoots,
    };
    await mkdir(dirname(options.credentialFile), { recursive: true, mode: 0o700 });
    await writeFileAtomic(options.credentialFile, `${JSON.stringify(credential, null, 2)}\n`, {
      mode: 0o600,
    });
    return credential;
  } finally {
    await call('/operator/logout', { token: sessionToken }).catch(() => undefined);
  }
}

/** The fingerprint of the root the CA at `url` chains to (itself when it is self-signed). */
async function fingerprintAt(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(`${url.replace(/\/+$/, '')}/auth-ca.pem`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new TerminalSetupError(
      'shelter.enrol-refused',
      `GET ${url}/auth-ca.pem answered ${response.status}`,
    );
  }
  const chain = certificatesOfPem(await response.text());
  const root = chain.at(-1);
  if (root === undefined)
    throw new TerminalSetupError('shelter.enrol-refused', `${url}/auth-ca.pem holds no certificate`);
  return fingerprintOf(root);
}
