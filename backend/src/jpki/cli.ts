// `npm run jpki -- verify FILE.p7s [--content FILE] [--pki-dir D] [--ocsp-url URL]`: verifies a CMS signature
// made with a (development) My Number Card signature certificate against the development PKI in D: chain to
// its sign CA, revocation by OCSP (its responder in-process unless --ocsp-url) with its CRL as fallback.
// The only module of the relying party that prints. Exit 0 valid, 1 invalid, 2 usage or I/O error.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createOcspHandler, defaultDevPkiDir, devPkiFiles, loadDevPki } from '../dev-jpki/index.ts';
import { serialHex } from './certificate-der.ts';
import { CertificateVerifier } from './certificate-verifier.ts';
import { renderName } from './distinguished-name.ts';
import { JpkiError } from './jpki-error.ts';
import { createJpkiStatusSource } from './jpki-status-source.ts';
import { type VerifiedSignedData, verifySignedData } from './signed-data-verifier.ts';
import { trustAnchorsFromDer } from './trust-anchors.ts';

const usage = `usage: jpki verify FILE.p7s [--content FILE] [--pki-dir ${defaultDevPkiDir}] [--ocsp-url URL]`;

const options = {
  content: { type: 'string' },
  'pki-dir': { type: 'string', default: defaultDevPkiDir },
  'ocsp-url': { type: 'string' },
} as const;

/** `argv` is what follows `verify` (a leading `verify` is skipped too). */
export async function verifyMain(argv: string[]): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: argv[0] === 'verify' ? argv.slice(1) : argv,
      options,
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    console.error(usage);
    return 2;
  }
  const dir = parsed.values['pki-dir'];
  let input: { cms: Uint8Array; content?: Uint8Array; certificates: CertificateVerifier };
  try {
    const pki = await loadDevPki(dir);
    const ocspUrl = parsed.values['ocsp-url'];
    const handler = createOcspHandler(pki);
    const statusSource = createJpkiStatusSource({
      ocsp: ocspUrl
        ? { url: ocspUrl }
        : { url: 'http://dev-pki.local/ocsp', fetch: async (url, init) => handler(new Request(url, init)) },
      crl: { loadCrl: async ({ purpose }) => new Uint8Array(await readFile(devPkiFiles(dir).crl(purpose))) },
    });
    const anchors = trustAnchorsFromDer({ sign: [pki.ca.sign.der], auth: [pki.ca.auth.der] });
    input = {
      cms: new Uint8Array(await readFile(file)),
      ...(parsed.values.content ? { content: new Uint8Array(await readFile(parsed.values.content)) } : {}),
      certificates: new CertificateVerifier({ anchors, statusSource }),
    };
  } catch (error) {
    console.error(`cannot verify: ${(error as Error).message}`);
    return 2;
  }
  try {
    printVerified(await verifySignedData(input.certificates, input));
    return 0;
  } catch (error) {
    if (!(error instanceof JpkiError)) throw error;
    if (error.revocation?.status === 'revoked') {
      console.log(
        `revocation: revoked (${error.revocation.reason}) at ${error.revocation.revokedAt.toISOString()}`,
      );
    } else if (error.revocation?.status === 'unknown') {
      console.log(`revocation: unknown (${error.revocation.why})`);
    }
    console.log(`invalid: ${error.code}: ${error.message}`);
    return 1;
  }
}

function printVerified(result: VerifiedSignedData): void {
  const { certificate, issuer, validity } = result.signer;
  const { basicInfo } = result;
  const flags = (f: boolean[]) =>
    f.some(Boolean) ? ` (substitutes ${f.map((x) => (x ? '1' : '0')).join('')})` : '';
  console.log(`signer: ${renderName(certificate.subject)}`);
  console.log(`  serial ${serialHex(certificate)}, issuer ${renderName(issuer.subject)}`);
  console.log(`  valid ${validity.notBefore.toISOString()} .. ${validity.notAfter.toISOString()}`);
  console.log(`name: ${basicInfo.name}${flags(basicInfo.nameSubstitutes)}`);
  console.log(`date of birth: ${basicInfo.dateOfBirth.date} (era ${basicInfo.dateOfBirth.era})`);
  console.log(`gender: ${basicInfo.gender}`);
  console.log(`address: ${basicInfo.address}${flags(basicInfo.addressSubstitutes)}`);
  console.log(
    `content: ${result.content.byteLength} bytes (${result.contentType}), signed ${result.signingTime.toISOString()}`,
  );
  console.log('revocation: good');
  console.log('valid');
}
