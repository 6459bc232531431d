// `npm run alert -- parse FILE [--anchor CERT.pem]… [--must-sign SENDER]… [--must-sign-all] [--at ISO]`
// Prints the normalised alert as JSON on stdout and each problem as a line on stderr (exit 0), or the reason
// on stderr and exit 2 when the message is rejected.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AlertError } from './alert-error.ts';
import { toAlertJson } from './alert-json.ts';
import { parseAlert } from './parse-alert.ts';
import { noSignatureRequired, signersPolicy } from './signature-policy.ts';

const usage =
  'usage: npm run alert -- parse FILE [--anchor CERT.pem]... [--must-sign SENDER]... [--must-sign-all] [--at ISO-TIME]';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    fail(1, `${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [command, file, ...rest] = positionals;
  if (command !== 'parse' || file === undefined || rest.length > 0) fail(1, usage);
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) fail(1, `--at "${values.at}" is not a date-time`);

  let input: Buffer;
  let anchors: X509Certificate[];
  try {
    input = readFileSync(file);
    anchors = (values.anchor ?? []).map((path) => new X509Certificate(readFileSync(path)));
  } catch (error) {
    fail(2, `cannot read input: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const alert = parseAlert(input, {
      anchors,
      now: at,
      policy: values['must-sign-all']
        ? signersPolicy('all')
        : values['must-sign']
          ? signersPolicy(values['must-sign'])
          : noSignatureRequired,
    });
    for (const problem of alert.problems) {
      process.stderr.write(`${problem.severity}: ${problem.where}: ${problem.code}: ${problem.message}\n`);
    }
    if (alert.signature.present && !alert.signature.valid) {
      process.stderr.write(`warning: signature: ${alert.signature.reason ?? 'invalid'}\n`);
    }
    process.stdout.write(`${JSON.stringify(toAlertJson(alert), null, 2)}\n`);
  } catch (error) {
    if (error instanceof AlertError) fail(2, `rejected: ${error.code}: ${error.message}`);
    throw error;
  }
}

function parseArguments(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      anchor: { type: 'string', multiple: true },
      'must-sign': { type: 'string', multiple: true },
      'must-sign-all': { type: 'boolean' },
      at: { type: 'string' },
    },
  });
}

main(process.argv.slice(2));
