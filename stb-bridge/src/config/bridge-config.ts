// Every setting of the bridge daemon: its environment variable, what it means, its default, how its text is
// parsed. The `BridgeConfig` type is derived from this one table; `npx tsx stb-bridge/src/main.ts --help`
// prints it. Names start with BRIDGE_ because `npm start` runs the bridge in the backend's process.
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOCAL_API_PORT } from '../local-api/contracts.ts';

export interface BridgeSetting<S extends z.ZodType = z.ZodType> {
  env: string;
  doc: string;
  default: string;
  schema: S;
}

const setting = <S extends z.ZodType>(s: BridgeSetting<S>): BridgeSetting<S> => s;

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).min(1, { error: 'needs at least one entry' }));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be http:// or https:// URLs' });
/** An origin is scheme, host and port only, exactly as a browser sends it. */
const origin = z.string().refine((text) => URL.canParse(text) && new URL(text).origin === text, {
  error: 'must be origins like http://127.0.0.1:8080 (no path, no trailing slash)',
});
const folder = z
  .string()
  .min(1)
  .transform((path) => resolve(path));

export const bridgeConfigSchema = {
  dataDir: setting({
    env: 'BRIDGE_DATA_DIR',
    doc: "The box's own state: device credential (mode 0600), push inbox, virtual card PIN counters (`cards/`).",
    default: './data/bridge',
    schema: folder,
  }),
  backendUrls: setting({
    env: 'BRIDGE_BACKEND_URL',
    doc: 'Backend base URL, or several comma-separated (tried in turn): HTTP API and push gateway.',
    default: 'http://127.0.0.1:8080',
    schema: list(httpUrl),
  }),
  port: setting({
    env: 'BRIDGE_PORT',
    doc: 'TCP port of the local API for the TV app; it always listens on 127.0.0.1 only. 0 picks a free one.',
    default: String(DEFAULT_LOCAL_API_PORT),
    schema: z.coerce
      .number({ error: 'must be a whole number from 0 to 65535' })
      .int({ error: 'must be a whole number from 0 to 65535' })
      .min(0, { error: 'must be a whole number from 0 to 65535' })
      .max(65535, { error: 'must be a whole number from 0 to 65535' }),
  }),
  allowedOrigins: setting({
    env: 'BRIDGE_ALLOWED_ORIGINS',
    doc: "Comma-separated origins of the TV app; requests from any other page's origin are refused (403).",
    default: 'http://127.0.0.1:8080,http://localhost:8080',
    schema: list(origin),
  }),
  reader: setting({
    env: 'BRIDGE_READER',
    doc: '`virtual`: an emulated card in this process (embedded default); `pcsc`: readers through pcscd; `hid`: the HID remote with card reader.',
    default: 'virtual',
    schema: z.enum(['virtual', 'pcsc', 'hid'], { error: 'must be virtual, pcsc or hid' }),
  }),
  hidDevice: setting({
    env: 'BRIDGE_HID_DEVICE',
    doc: 'With the HID reader: the remote as a hidraw path (`/dev/hidraw0`) or `vendorId:productId` in hex (`1d6b:0104`).',
    default: '',
    schema: z.union(
      [
        z.literal('').transform(() => undefined),
        z
          .string()
          .regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/)
          .transform((text) => {
            const [vendorId, productId] = text.split(':').map((part) => Number.parseInt(part, 16));
            return { vendorId: vendorId as number, productId: productId as number };
          }),
        z
          .string()
          .startsWith('/')
          .transform((path) => ({ path })),
      ],
      { error: 'must be a /dev/hidraw path or vendorId:productId in hex' },
    ),
  }),
  virtualHolder: setting({
    env: 'BRIDGE_VIRTUAL_HOLDER',
    doc: 'With the virtual reader: the development PKI holder whose card is inserted at start.',
    default: 'tanaka-hanako',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { error: 'must be a holder id like tanaka-hanako' }),
  }),
  virtualPkiDir: setting({
    env: 'BRIDGE_VIRTUAL_PKI_DIR',
    doc: 'With the virtual reader: the development PKI folder holding `holders/<id>.json`.',
    default: './data/dev-pki',
    schema: folder,
  }),
  mode: setting({
    env: 'BRIDGE_MODE',
    doc: '`box`: the set-top box for the TV app; `shelter`: a shelter check-in terminal with its staff page at `/shelter/desk/` (stb-bridge/src/shelter).',
    default: 'box',
    schema: z.enum(['box', 'shelter'], { error: 'must be box or shelter' }),
  }),
  shelterCredential: setting({
    env: 'BRIDGE_SHELTER_CREDENTIAL',
    doc: 'Shelter mode: JSON file `{ "terminalId", "secret", "shelterId", "trustRoots" }` written by `npm run shelter -- enrol`, binding the terminal to its shelter; unset: `<data dir>/shelter-terminal.json`.',
    default: '',
    schema: z.union([z.literal('').transform(() => undefined), folder]),
  }),
  shelterTrustUrl: setting({
    env: 'BRIDGE_SHELTER_TRUST_URL',
    doc: 'Shelter mode: base URL of the user-auth CA certificate and CRL (`auth-ca.pem`, `auth.crl`), cached for offline card checks; unset: the development JPKI the backend mounts, `<first backend URL>/dev-jpki`.',
    default: '',
    schema: z.union([
      z.literal('').transform(() => undefined),
      httpUrl.transform((url) => url.replace(/\/+$/, '')),
    ]),
  }),
  logLevel: setting({
    env: 'BRIDGE_LOG_LEVEL',
    doc: 'Least severe log level written: `debug`, `info`, `warn`, `error` or `silent`.',
    default: 'info',
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'must be debug, info, warn, error or silent',
    }),
  }),
};

type Settings = typeof bridgeConfigSchema;

export type BridgeConfig = { readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };

export type ReaderKind = BridgeConfig['reader'];

export interface BridgeConfigIssue {
  env: string;
  message: string;
}

export class BridgeConfigError extends Error {
  readonly code = 'config.invalid';
  readonly issues: readonly BridgeConfigIssue[];

  constructor(issues: BridgeConfigIssue[]) {
    super(`invalid bridge configuration: ${issues.map((i) => `${i.env} ${i.message}`).join('; ')}`);
    this.name = 'BridgeConfigError';
    this.issues = issues;
  }
}

/** Reads every setting (unset or blank → default); one error lists every bad variable. */
export function loadBridgeConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): BridgeConfig {
  const issues: BridgeConfigIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(bridgeConfigSchema) as [string, BridgeSetting][]) {
    const given = env[s.env];
    const text = given === undefined || given.trim() === '' ? s.default : given.trim();
    const result = s.schema.safeParse(text);
    if (result.success) values[key] = result.data;
    else
      issues.push({
        env: s.env,
        message: `${result.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(text)})`,
      });
  }
  if (issues.length === 0 && values.reader === 'hid' && values.hidDevice === undefined) {
    issues.push({ env: 'BRIDGE_HID_DEVICE', message: 'is required with BRIDGE_READER=hid' });
  }
  if (issues.length > 0) throw new BridgeConfigError(issues);
  return values as BridgeConfig;
}

/** The settings as a plain-text table, for `--help`. */
export function describeBridgeConfig(): string {
  return Object.values(bridgeConfigSchema)
    .map((s) => `${s.env}  (default ${s.default === '' ? 'unset' : s.default})\n    ${s.doc}`)
    .join('\n');
}
