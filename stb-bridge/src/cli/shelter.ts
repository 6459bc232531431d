// `npm run shelter -- <command> …`: the shelter terminal's command line (today: enrol).
import { shelterEnrolMain } from './shelter-enrol.ts';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'enrol') return shelterEnrolMain(rest);
  console.error('usage: npm run shelter -- enrol --backend URL --shelter ID --login NAME …');
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
