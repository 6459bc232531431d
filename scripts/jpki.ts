// `npm run jpki -- <area> …`: dispatches to each JPKI tool's CLI module. Each branch returns an exit code.
import { pkiMain } from '../backend/src/dev-jpki/cli.ts';
import { verifyMain } from '../backend/src/jpki/cli.ts';
import { signMain } from '../stb-bridge/src/cli/jpki-sign.ts';

const usage =
  'usage: npm run jpki -- pki <init|list|revoke|serve> … | sign --in FILE --out FILE.p7s … | verify FILE.p7s [--content FILE]';

async function main(argv: string[]): Promise<number> {
  const [area, ...rest] = argv;
  switch (area) {
    case 'pki':
      return pkiMain(rest);
    case 'sign':
      return signMain(rest);
    case 'verify':
      return verifyMain(rest);
    default:
      console.error(usage);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
