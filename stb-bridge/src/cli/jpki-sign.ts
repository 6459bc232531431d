// `npm run jpki -- sign --in FILE --out FILE.p7s [--detached] [--include-ca] [--reader NAME]
//  [--holder ID [--pki-dir D] [--state-dir D]]`
// Signs a file with the signature key of the My Number Card (CMS SignedData, DER). The card is reached
// through PC/SC (a real reader, or the virtual card plugged in with `npm run card`); with --holder the
// dev-PKI holder's virtual card is used inside this process instead, no PC/SC needed. The signature
// password is asked on the terminal without echo, or taken from MYNA_SIGN_PASSWORD (scripts, tests).
// Tries left are shown first, and a wrong password is never retried.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CardError, isCardError } from '../card/card-error.ts';
import type { CardReader } from '../card/card-reader.ts';
import { PcscReader } from '../card/pcsc-reader.ts';
import { VirtualReader } from '../card/virtual-reader.ts';
import { signCms } from '../jpki/cms-signer.ts';
import { JpkiClient } from '../jpki/jpki-client.ts';
import { DEFAULT_PKI_DIR, DEFAULT_STATE_DIR, loadVirtualCard } from '../virtual-card/index.ts';
import { readSecret } from './read-secret.ts';

const USAGE =
  'usage: npm run jpki -- sign --in FILE --out FILE.p7s [--detached] [--include-ca] [--reader NAME]\n' +
  '                             [--holder ID [--pki-dir DIR] [--state-dir DIR]]\n' +
  'The signature password is asked without echo, or read from MYNA_SIGN_PASSWORD.';
const CARD_WAIT_MS = 5_000;

export async function signMain(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args.in || !args.out) {
    console.error(USAGE);
    return 2;
  }
  let reader: CardReader | undefined;
  try {
    const content = await readFile(args.in);
    reader = await openReader(args);
    const presence = await reader.waitForCard({
      ...(args.reader ? { reader: args.reader } : {}),
      timeoutMs: CARD_WAIT_MS,
    });
    const connection = await reader.connect({ reader: presence.reader });
    try {
      const client = new JpkiClient(connection);
      const tries = await client.triesLeft('sign');
      if (tries === 0) throw new CardError('card.pin-blocked', 'the signature password is blocked');
      console.error(`card in "${presence.reader}": signature password, ${tries} tries left`);
      const password = process.env.MYNA_SIGN_PASSWORD ?? (await readSecret('signature password: '));
      if (password === undefined) {
        console.error('cancelled');
        return 1;
      }
      await client.verifyPin('sign', password);
      const signerCertificate = await client.readCertificate('sign');
      const extraCertificates = args['include-ca'] ? [await client.readCertificate('sign-ca')] : [];
      const p7s = await signCms({
        content,
        signerCertificate,
        extraCertificates,
        detached: args.detached,
        signDigestInfo: (digestInfo) => client.signDigestInfo('sign', digestInfo),
      });
      await writeFile(args.out, p7s);
      console.error(
        `signed ${args.in} → ${args.out} (${p7s.length} bytes, ${args.detached ? 'detached' : 'attached'})`,
      );
      return 0;
    } finally {
      await connection.disconnect();
    }
  } catch (error) {
    console.error(describe(error));
    return 1;
  } finally {
    await reader?.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      detached: { type: 'boolean', default: false },
      'include-ca': { type: 'boolean', default: false },
      reader: { type: 'string' },
      holder: { type: 'string' },
      'pki-dir': { type: 'string', default: DEFAULT_PKI_DIR },
      'state-dir': { type: 'string', default: DEFAULT_STATE_DIR },
    },
  }).values;
}

/** The one place the CLI picks its reader: the holder's in-process virtual card, or PC/SC. */
async function openReader(args: ReturnType<typeof parse>): Promise<CardReader> {
  if (!args.holder) return PcscReader.open();
  const card = await loadVirtualCard({
    holderId: args.holder,
    pkiDir: args['pki-dir'],
    stateDir: args['state-dir'],
  });
  return new VirtualReader({ card });
}

function describe(error: unknown): string {
  if (!isCardError(error)) return `error: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.code) {
    case 'card.pin-wrong':
      return `wrong signature password: ${error.triesLeft} tries left (not retried)`;
    case 'card.pin-blocked':
      return 'the signature password is blocked: only the municipal office can reset it';
    case 'card.absent':
    case 'card.no-reader':
      return `${error.message}: insert the card (or plug in the virtual one with \`npm run card\`)`;
    case 'card.no-pcsc':
      return `${error.message}: start pcscd, or sign with a dev holder's card in-process (--holder ID)`;
    default:
      return `${error.code}: ${error.message}`;
  }
}
