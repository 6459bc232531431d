// The simulated shelter check-in terminal of `npm start`: the bridge in shelter mode at 日和佐公民館 with the
// virtual card of a demo holder in its reader and the staff page at /shelter/desk/. Enrolled once, through
// the backend's API with the demo admin's login (as an installer would: `npm run shelter -- enrol`); a later
// start reuses the credential in `DATA_DIR/shelter-terminal/`. The demo shelter staff account `demo-shelter`
// is assigned to the same shelter (shelter staff see and act for their own shelter only).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { demoOperatorPassword } from '@myna-tv/backend';
import {
  enrolShelterTerminal,
  type Logger,
  loadBridgeConfig,
  type RunningBridge,
  startBridge,
} from '@myna-tv/stb-bridge';

export const demoShelter = { id: 'E3638700048111', name: '日和佐公民館', holder: 'suzuki-ichiro' } as const;

export interface DemoShelterTerminal extends RunningBridge {
  deskUrl: string;
  /** False when an earlier start had enrolled it. */
  enrolled: boolean;
}

export async function startDemoShelterTerminal(options: {
  dataDir: string;
  backendUrl: string;
  pkiDir: string;
  port: number;
  logger: Logger;
  logLevel: string;
}): Promise<DemoShelterTerminal> {
  const dir = join(options.dataDir, 'shelter-terminal');
  const credentialFile = join(dir, 'shelter-terminal.json');
  const exists = await access(credentialFile).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await enrolShelterTerminal({
      backendUrl: options.backendUrl,
      loginName: 'demo-admin',
      password: demoOperatorPassword,
      shelterId: demoShelter.id,
      label: `${demoShelter.name} 受付（デモ端末）`,
      credentialFile,
    });
  }
  const config = loadBridgeConfig({
    BRIDGE_MODE: 'shelter',
    BRIDGE_DATA_DIR: dir,
    BRIDGE_BACKEND_URL: options.backendUrl,
    BRIDGE_PORT: String(options.port),
    BRIDGE_READER: 'virtual',
    BRIDGE_VIRTUAL_HOLDER: demoShelter.holder,
    BRIDGE_VIRTUAL_PKI_DIR: options.pkiDir,
    BRIDGE_LOG_LEVEL: options.logLevel,
  });
  await assignDemoShelterStaff(options.backendUrl);
  const bridge = await startBridge({ ...config, logger: options.logger });
  return { ...bridge, deskUrl: `${bridge.url}/shelter/desk/`, enrolled: !exists };
}

/** PUT /shelters/{id}/staff/{accountId} as the demo admin (idempotent: the same shelter again). */
async function assignDemoShelterStaff(backendUrl: string): Promise<void> {
  const api = async <T>(path: string, init: { method: string; token?: string; body?: unknown }) => {
    const response = await fetch(`${backendUrl}/api/v1${path}`, {
      method: init.method,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!response.ok) throw new Error(`${init.method} ${path} answered ${response.status}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const { sessionToken: token } = await api<{ sessionToken: string }>('/operator/login', {
    method: 'POST',
    body: { loginName: 'demo-admin', password: demoOperatorPassword },
  });
  try {
    const { accounts } = await api<{ accounts: { accountId: string; loginName: string }[] }>(
      '/operator/accounts',
      { method: 'GET', token },
    );
    const staff = accounts.find((a) => a.loginName === 'demo-shelter');
    if (staff === undefined) throw new Error('the demo seed has no demo-shelter account');
    await api(`/shelters/${demoShelter.id}/staff/${staff.accountId}`, { method: 'PUT', token });
  } finally {
    await api('/operator/logout', { method: 'POST', token }).catch(() => undefined);
  }
}
