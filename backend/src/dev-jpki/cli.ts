// `npm run jpki -- pki …`: the development JPKI from the command line. The only module here that prints.
import { parseArgs } from 'node:util';
import type { CertPurpose } from '../jpki/oids.ts';
import { serialHexOf } from './certificate-serial.ts';
import { type DevPki, initDevPki, loadDevPki } from './dev-pki.ts';
import { DevPkiError } from './dev-pki-error.ts';
import { defaultDevPkiDir } from './dev-pki-files.ts';
import { startDevPkiServer } from './dev-pki-server.ts';
import { readLedger } from './ledger.ts';
import { parseRevocationReason } from './revocation-reason.ts';
import { revokeCertificate } from './revoke-certificate.ts';

const usage = `usage: jpki pki <command> [--dir ${defaultDevPkiDir}]
  init                                   create the CAs and demo card holders (keeps what exists)
  list                                   holders and the status of their certificates
  revoke --holder ID --purpose sign|auth --reason R
         (R: change | death | loss | renewal, or an RFC 5280 reason name)
  serve [--port 8081] [--host 127.0.0.1] OCSP responder (/ocsp) and CRLs (/sign.crl, /auth.crl) until
                                         stopped; creates the PKI first if absent`;

const options = {
  dir: { type: 'string', default: defaultDevPkiDir },
  holder: { type: 'string' },
  purpose: { type: 'string' },
  reason: { type: 'string' },
  port: { type: 'string', default: '8081' },
  host: { type: 'string', default: '127.0.0.1' },
} as const;

async function printList(pki: DevPki): Promise<void> {
  const ledger = await readLedger(pki.dir);
  console.log(`data folder: ${pki.dir}`);
  for (const purpose of ['sign', 'auth'] as const) {
    console.log(`${purpose} CA: serial ${serialHexOf(pki.ca[purpose].certificate.serialNumber)}`);
  }
  for (const holder of pki.holders) {
    console.log(`${holder.id}  ${holder.label}`);
    for (const record of ledger.issued.filter((entry) => entry.holderId === holder.id)) {
      const revoked = ledger.revocations.find(
        (r) => r.purpose === record.purpose && r.serial === record.serial,
      );
      const status = revoked
        ? `revoked ${revoked.reason} ${revoked.revokedAt}`
        : `valid to ${record.notAfter}`;
      console.log(`  ${record.purpose}  ${record.serial}  ${status}`);
    }
  }
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePurpose(text: string | undefined): CertPurpose {
  if (text === 'sign' || text === 'auth') return text;
  throw new DevPkiError('dev-pki.bad-input', '--purpose must be sign or auth');
}

async function run(command: string | undefined, values: Record<string, string | undefined>): Promise<number> {
  const dir = values.dir ?? defaultDevPkiDir;
  switch (command) {
    case 'init': {
      await printList(await initDevPki({ dir }));
      return 0;
    }
    case 'list': {
      await printList(await loadDevPki(dir));
      return 0;
    }
    case 'revoke': {
      if (!values.holder || !values.reason)
        throw new DevPkiError('dev-pki.bad-input', '--holder and --reason needed');
      const revoked = await revokeCertificate(await loadDevPki(dir), {
        holderId: values.holder,
        purpose: parsePurpose(values.purpose),
        reason: parseRevocationReason(values.reason),
      });
      console.log(`revoked ${revoked.purpose} ${revoked.serial} of ${revoked.holderId} (${revoked.reason})`);
      return 0;
    }
    case 'serve': {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new DevPkiError('dev-pki.bad-input', `bad --port "${values.port}"`);
      }
      const server = await startDevPkiServer({
        pki: await initDevPki({ dir }),
        port,
        host: values.host ?? '127.0.0.1',
      });
      console.log(`dev JPKI: OCSP ${server.url}/ocsp, CRLs ${server.url}/sign.crl ${server.url}/auth.crl`);
      await waitForStopSignal();
      await server.close();
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

export async function pkiMain(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  try {
    return await run(parsed.positionals[0], parsed.values);
  } catch (error) {
    if (!(error instanceof DevPkiError)) throw error;
    console.error(`error: ${error.message}`);
    return error.code === 'dev-pki.bad-input' ? 2 : 1;
  }
}
