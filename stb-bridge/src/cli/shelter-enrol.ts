// `npm run shelter -- enrol --backend URL --shelter ID --login NAME [--label TEXT] [--credential FILE]
//  [--trust-url URL] [--trust-root SHA256]...`
// Enrols this machine as a check-in terminal of a shelter with an operator admin's login, and writes the
// terminal credential file the terminal reads at start (BRIDGE_SHELTER_CREDENTIAL; default
// ./data/bridge/shelter-terminal.json, where a terminal with the default BRIDGE_DATA_DIR looks). The password is asked without
// echo, or read from MYNA_OPERATOR_PASSWORD (scripts, tests). Without --trust-root the CA served at the trust
// URL now is pinned, and its fingerprint printed for the installer to compare with the one they were given.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { enrolShelterTerminal } from '../shelter/terminal-enrolment.ts';
import { readSecret } from './read-secret.ts';

const USAGE =
  'usage: npm run shelter -- enrol --backend URL --shelter ID --login NAME [--label TEXT] [--credential FILE]\n' +
  '                                [--trust-url URL] [--trust-root SHA256]...\n' +
  'The operator admin password is asked without echo, or read from MYNA_OPERATOR_PASSWORD.';

const defaultCredentialFile = join('data', 'bridge', 'shelter-terminal.json');

export async function shelterEnrolMain(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.backend || !values.shelter || !values.login) {
    console.error(USAGE);
    return 2;
  }
  try {
    const password = process.env.MYNA_OPERATOR_PASSWORD ?? (await readSecret('operator password: '));
    if (password === undefined) {
      console.error('cancelled');
      return 1;
    }
    const credentialFile = resolve(values.credential ?? defaultCredentialFile);
    const enrolled = await enrolShelterTerminal({
      backendUrl: values.backend,
      loginName: values.login,
      password,
      shelterId: values.shelter,
      label: values.label ?? hostname(),
      credentialFile,
      ...(values['trust-url'] ? { trustUrl: values['trust-url'] } : {}),
      ...(values['trust-root'] ? { trustRoots: values['trust-root'] } : {}),
    });
    console.log(`enrolled terminal ${enrolled.terminalId} to shelter ${enrolled.shelterId}`);
    console.log(`credential written to ${credentialFile}`);
    for (const root of enrolled.trustRoots) console.log(`pinned trust root (SHA-256) ${root}`);
    return 0;
  } catch (error) {
    console.error(`enrolment failed: ${(error as Error).message}`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      backend: { type: 'string' },
      shelter: { type: 'string' },
      login: { type: 'string' },
      label: { type: 'string' },
      credential: { type: 'string' },
      'trust-url': { type: 'string' },
      'trust-root': { type: 'string', multiple: true },
    },
    strict: true,
  });
}
