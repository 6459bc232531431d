import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type FieldKey, parseFieldKeys } from '../crypto/field-keys.ts';

/** The settings a default may be derived from (they are read first). */
export interface DefaultBase {
  dataDir: string;
}

/** One setting: its environment variable, what it means, its default, and how its text is parsed. */
export interface Setting<S extends z.ZodType = z.ZodType> {
  env: string;
  doc: string;
  /**
   * Text used when the variable is unset or empty, or a function of DATA_DIR (then `defaultDoc` describes it).
   * `undefined`: unset is meaningful and the doc line says what it means.
   */
  default: string | undefined | ((base: DefaultBase) => string);
  defaultDoc?: string;
  /** Never echoed in error messages. */
  secret?: boolean;
  schema: S;
}

const setting = <S extends z.ZodType>(s: Setting<S>): Setting<S> => s;

function wholeNumber(min: number, max: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const fieldKeys = z
  .string()
  .optional()
  .transform((text, ctx): FieldKey[] => {
    try {
      return text === undefined ? [] : parseFieldKeys(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

/** Every backend setting, in the order the documentation lists them. The `Config` type is derived from this. */
export const configSchema = {
  host: setting({
    env: 'HOST',
    doc: 'Address the HTTP and socket.io server listens on; `0.0.0.0` listens on every interface.',
    default: '127.0.0.1',
    schema: z.string().min(1),
  }),
  port: setting({
    env: 'PORT',
    doc: 'TCP port of the HTTP and socket.io server; 0 picks a free one.',
    default: '8080',
    schema: wholeNumber(0, 65535),
  }),
  dataDir: setting({
    env: 'DATA_DIR',
    doc: 'Folder for local state: the embedded database, the generated field key, the development PKI.',
    default: './data',
    schema: z
      .string()
      .min(1)
      .transform((path) => resolve(path)),
  }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    doc: 'PostgreSQL server, `postgres://user:password@host:port/database`. Unset: embedded PGlite in `DATA_DIR/db`.',
    default: undefined,
    secret: true,
    schema: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  }),
  databasePoolSize: setting({
    env: 'DATABASE_POOL_SIZE',
    doc: 'Most connections one node holds to the PostgreSQL server.',
    default: '10',
    schema: wholeNumber(1, 1000),
  }),
  redisUrl: setting({
    env: 'REDIS_URL',
    doc: 'Redis for socket.io fan-out across nodes, `redis://host:port`. Unset: one node, in-memory push.',
    default: undefined,
    secret: true,
    schema: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  }),
  fieldKeys: setting({
    env: 'FIELD_KEYS',
    doc:
      'Keys sealing personal data at rest: comma-separated `id:base64` entries of 32 random bytes each; the first ' +
      'seals, all open (rotation). Unset: a key generated once into `DATA_DIR/field-keys` (mode 0600); ' +
      'required with DATABASE_URL so that every node shares them.',
    default: undefined,
    secret: true,
    schema: fieldKeys,
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    doc: 'Least severe log level written: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
    default: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    }),
  }),
  jpkiPkiDir: setting({
    env: 'JPKI_PKI_DIR',
    doc: 'Folder of the JPKI trust material: CA certificates and CRLs (in development, the emulated PKI).',
    default: ({ dataDir }) => join(dataDir, 'dev-pki'),
    defaultDoc: '`DATA_DIR/dev-pki`',
    schema: z
      .string()
      .min(1)
      .transform((path) => resolve(path)),
  }),
  ocspUrl: setting({
    env: 'OCSP_URL',
    doc: 'OCSP responder for JPKI certificates. Unset: the development responder of the emulated PKI.',
    default: undefined,
    schema: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  }),
  ocspCacheMaxAgeSeconds: setting({
    env: 'OCSP_CACHE_MAX_AGE_SECONDS',
    doc: 'Longest time an OCSP answer is reused before asking again, in seconds (0: never cached).',
    default: '300',
    schema: wholeNumber(0, 86_400),
  }),
};

type Settings = typeof configSchema;

/** The validated backend configuration. Holds secrets (field keys, URLs with passwords): never log it whole. */
export type Config = { readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** Rules across settings, checked after each setting is valid on its own. */
export const configRules: readonly {
  env: string;
  message: string;
  violatedBy: (config: Config) => boolean;
}[] = [
  {
    env: 'FIELD_KEYS',
    message: 'required when DATABASE_URL is set: every node must open what the others sealed',
    violatedBy: (config) => config.databaseUrl !== undefined && config.fieldKeys.length === 0,
  },
];
