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

/** A folder given relative to the working directory, kept absolute. */
const folder = z
  .string()
  .min(1)
  .transform((path) => resolve(path));

/** Comma-separated files, kept absolute; unset stays undefined (the doc line says what that means). */
const fileList = z
  .string()
  .optional()
  .transform((text) =>
    text
      ?.split(',')
      .map((path) => path.trim())
      .filter((path) => path !== '')
      .map((path) => resolve(path)),
  );

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
  shutdownTimeoutSeconds: setting({
    env: 'SHUTDOWN_TIMEOUT_SECONDS',
    doc:
      'On SIGTERM or SIGINT the server stops accepting and lets requests in flight finish for at most this ' +
      'long before closing their connections; a second signal exits at once.',
    default: '10',
    schema: wholeNumber(0, 600),
  }),
  maxBodyBytes: setting({
    env: 'MAX_BODY_BYTES',
    doc: 'Largest request body accepted by a route that declares no limit of its own, in bytes.',
    default: '65536',
    schema: wholeNumber(1024, 16 * 1024 * 1024),
  }),
  tvAppDir: setting({
    env: 'TV_APP_DIR',
    doc: 'Folder of the built TV app, served publicly at `/tv/`. Unset: not served.',
    default: undefined,
    schema: folder.optional(),
  }),
  opsAppDir: setting({
    env: 'OPS_APP_DIR',
    doc: 'Folder of the built operations dashboard, served publicly at `/ops/`. Unset: not served.',
    default: undefined,
    schema: folder.optional(),
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
  pushRedisPrefix: setting({
    env: 'PUSH_REDIS_PREFIX',
    doc: 'Prefix of the Redis channels of the push fan-out; nodes serving the same boxes share it.',
    default: 'myna-tv',
    schema: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, { error: 'must be 1-64 of A-Z a-z 0-9 : _ -' }),
  }),
  pushHandshakesPerSecond: setting({
    env: 'PUSH_HANDSHAKES_PER_SECOND',
    doc:
      'Box handshakes one node admits per second (a mass reconnect after a power cut); more are refused with ' +
      '`push.busy` and the boxes back off.',
    default: '1000',
    schema: wholeNumber(1, 1_000_000),
  }),
  pushResendAfterSeconds: setting({
    env: 'PUSH_RESEND_AFTER_SECONDS',
    doc: 'A connected box that has not acknowledged a message in force this long after it was sent gets it again.',
    default: '10',
    schema: wholeNumber(1, 3600),
  }),
  pushResendMax: setting({
    env: 'PUSH_RESEND_MAX',
    doc: 'Most re-sends of one message to one connection (0: none; the box still gets it on its next connect).',
    default: '3',
    schema: wholeNumber(0, 100),
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
  metricsToken: setting({
    env: 'METRICS_TOKEN',
    doc:
      'Token a Prometheus scraper sends as `Authorization: Bearer <token>` to read `GET /metrics` (at least 32 ' +
      'characters). Unset: only an operator-admin session may read the metrics.',
    default: undefined,
    secret: true,
    schema: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  }),
  operatorSessionIdleSeconds: setting({
    env: 'OPERATOR_SESSION_IDLE_SECONDS',
    doc: 'An operator session not used for this long ends, in seconds.',
    default: '3600',
    schema: wholeNumber(60, 86_400),
  }),
  operatorSessionMaxSeconds: setting({
    env: 'OPERATOR_SESSION_MAX_SECONDS',
    doc: 'An operator session ends this long after login, used or not, in seconds.',
    default: '43200',
    schema: wholeNumber(60, 7 * 86_400),
  }),
  residentSessionIdleSeconds: setting({
    env: 'RESIDENT_SESSION_IDLE_SECONDS',
    doc: 'A resident session on a TV not used for this long ends, in seconds (the box may be left on).',
    default: '1800',
    schema: wholeNumber(60, 86_400),
  }),
  residentSessionMaxSeconds: setting({
    env: 'RESIDENT_SESSION_MAX_SECONDS',
    doc: 'A resident session ends this long after login, used or not, in seconds.',
    default: '43200',
    schema: wholeNumber(60, 7 * 86_400),
  }),
  operatorLoginWindowSeconds: setting({
    env: 'OPERATOR_LOGIN_WINDOW_SECONDS',
    doc: 'Window over which failed operator logins are counted, in seconds.',
    default: '900',
    schema: wholeNumber(1, 86_400),
  }),
  operatorLoginMaxPerAccount: setting({
    env: 'OPERATOR_LOGIN_MAX_PER_ACCOUNT',
    doc: 'Failed operator logins allowed per login name per window; more answer 429.',
    default: '5',
    schema: wholeNumber(1, 10_000),
  }),
  operatorLoginMaxPerNetwork: setting({
    env: 'OPERATOR_LOGIN_MAX_PER_NETWORK',
    doc: 'Failed operator logins allowed per client network (IPv4 address, IPv6 /64) per window.',
    default: '50',
    schema: wholeNumber(1, 100_000),
  }),
  jpkiPkiDir: setting({
    env: 'JPKI_PKI_DIR',
    doc: 'Folder of the JPKI trust material: CA certificates and CRLs (in development, the emulated PKI).',
    default: ({ dataDir }) => join(dataDir, 'dev-pki'),
    defaultDoc: '`DATA_DIR/dev-pki`',
    schema: folder,
  }),
  jpkiSignCaFiles: setting({
    env: 'JPKI_SIGN_CA_FILES',
    doc:
      'Comma-separated CA certificate files (DER or PEM) signature certificates must chain to, e.g. J-LIS ' +
      "signca0N.cer. Unset: `JPKI_PKI_DIR/sign-ca.pem` (the emulated PKI's CA).",
    default: undefined,
    schema: fileList,
  }),
  jpkiAuthCaFiles: setting({
    env: 'JPKI_AUTH_CA_FILES',
    doc:
      'Comma-separated CA certificate files user-authentication certificates must chain to. Unset: ' +
      '`JPKI_PKI_DIR/auth-ca.pem`.',
    default: undefined,
    schema: fileList,
  }),
  ocspUrl: setting({
    env: 'OCSP_URL',
    doc:
      'OCSP responder for JPKI certificates; the CRLs `JPKI_PKI_DIR/sign.crl` and `auth.crl` are the fallback. ' +
      'Unset: the emulated PKI in `JPKI_PKI_DIR` is created if missing and its responder and CRLs are served ' +
      'by this server at `/dev-jpki/` (development only).',
    default: undefined,
    schema: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  }),
  ocspCacheMaxAgeSeconds: setting({
    env: 'OCSP_CACHE_MAX_AGE_SECONDS',
    doc: 'Longest time an OCSP answer is reused before asking again, in seconds (0: never cached).',
    default: '300',
    schema: wholeNumber(0, 86_400),
  }),
  loginChallengeTtlSeconds: setting({
    env: 'LOGIN_CHALLENGE_TTL_SECONDS',
    doc: 'How long a card login challenge may be answered, in seconds.',
    default: '120',
    schema: wholeNumber(10, 3600),
  }),
  clockSkewToleranceSeconds: setting({
    env: 'CLOCK_SKEW_TOLERANCE_SECONDS',
    doc:
      'Clock difference tolerated between backend nodes: a challenge issued by one node is still accepted by ' +
      'another until its expiry (by the issuing clock) plus this many seconds.',
    default: '30',
    schema: wholeNumber(0, 600),
  }),
  reportDeliveryIntervalSeconds: setting({
    env: 'REPORT_DELIVERY_INTERVAL_SECONDS',
    doc:
      'How often each node looks for status reports and signals due for delivery to insurers, in seconds ' +
      '(0: this node does not deliver).',
    default: '15',
    schema: wholeNumber(0, 3600),
  }),
  reportDeliveryRetrySeconds: setting({
    env: 'REPORT_DELIVERY_RETRY_SECONDS',
    doc:
      "Wait before retrying a delivery the insurer's endpoint refused or did not answer, in seconds; doubled " +
      'after each further failure, up to one hour. Deliveries are retried until they succeed.',
    default: '60',
    schema: wholeNumber(1, 3600),
  }),
  signCertificateRecheckSeconds: setting({
    env: 'SIGN_CERTIFICATE_RECHECK_SECONDS',
    doc:
      "Daily status check: how often the revocation status of each resident's signature certificate is asked again, in " +
      'seconds (the job wakes every 1/24 of this, at least every minute; 0: this node does not run it).',
    default: '86400',
    schema: wholeNumber(0, 30 * 86_400),
  }),
  vaccinationReminderDays: setting({
    env: 'VACCINATION_REMINDER_DAYS',
    doc:
      'Vaccination reminders: a routine dose due within this many days (or due and still open) gets one notice ' +
      "in each linked parent's mailbox, once per child, dose and parent.",
    default: '14',
    schema: wholeNumber(0, 90),
  }),
  vaccinationReminderIntervalSeconds: setting({
    env: 'VACCINATION_REMINDER_INTERVAL_SECONDS',
    doc:
      'How often each node runs the vaccination reminder round (also once at start), in seconds; rounds on ' +
      'several nodes send nothing twice (0: this node does not run it).',
    default: '3600',
    schema: wholeNumber(0, 7 * 86_400),
  }),
  mailboxRetentionDays: setting({
    env: 'MAILBOX_RETENTION_DAYS',
    doc:
      "How long a notice stays in a resident's mailbox after it was sent, in days; older notices are no longer " +
      'listed and are deleted by an hourly purge on every node.',
    default: '365',
    schema: wholeNumber(1, 3650),
  }),
  alertMaxBytes: setting({
    env: 'ALERT_MAX_BYTES',
    doc: 'Largest alert message accepted (POST /api/v1/alerts body, a feed entry), in bytes.',
    default: '2097152',
    schema: wholeNumber(4096, 16 * 1024 * 1024),
  }),
  alertSignedSenders: setting({
    env: 'ALERT_SIGNED_SENDERS',
    doc:
      'CAP senders whose alerts must carry a valid XML signature chaining to ALERT_ANCHOR_FILES, comma-separated; ' +
      '`*`: every sender (L-Alert and JMA messages carry no signature and are then refused). Unset: no sender ' +
      'must sign; the API client credential (or the feed URL) is the trust, as in the development setup.',
    default: undefined,
    schema: z
      .string()
      .optional()
      .transform((text): string[] | 'all' => {
        const senders = (text ?? '')
          .split(',')
          .map((sender) => sender.trim())
          .filter((sender) => sender !== '');
        return senders.includes('*') ? 'all' : senders;
      }),
  }),
  alertAnchorFiles: setting({
    env: 'ALERT_ANCHOR_FILES',
    doc:
      'Comma-separated CA (or pinned signer) certificate files, DER or PEM, that alert signatures must chain to. ' +
      'Unset: none (a signature can verify but is never valid).',
    default: undefined,
    schema: fileList,
  }),
  areaNamesFiles: setting({
    env: 'AREA_NAMES_FILES',
    doc:
      "Comma-separated town master CSV files of the Digital Agency's Address Base Registry (mt_town_all.csv, or " +
      'one per municipality), read at each start: the dashboard names municipalities and their towns and ' +
      'districts by them. Unset: areas are shown by code (the demo town has its names).',
    default: undefined,
    schema: fileList,
  }),
  alertComposeSender: setting({
    env: 'ALERT_COMPOSE_SENDER',
    doc:
      'CAP `sender` of exercise and test alerts composed on the dashboard; alerts from publishers or the feed ' +
      'with this sender are refused.',
    default: 'ops@myna-tv.invalid',
    schema: z
      .string()
      .regex(/^[^\s,<>&"']{1,128}$/, { error: 'must be 1-128 characters without spaces, commas or markup' }),
  }),
  alertFeedUrl: setting({
    env: 'ALERT_FEED_URL',
    doc:
      'Atom feed of alert messages to poll (each entry links to one CAP, L-Alert or JMA XML message, fetched ' +
      'once, from the same origin as the feed). Unset: no feed is polled.',
    default: undefined,
    schema: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  }),
  alertFeedIntervalSeconds: setting({
    env: 'ALERT_FEED_INTERVAL_SECONDS',
    doc: 'How often the alert feed is polled, in seconds; after a failure the wait doubles, up to 15 minutes.',
    default: '60',
    schema: wholeNumber(5, 3600),
  }),
  alertPushTtlSeconds: setting({
    env: 'ALERT_PUSH_TTL_SECONDS',
    doc:
      'How long an alert whose infos do not all give an expiry stays in force on the boxes (boxes that connect ' +
      'later still get it), in seconds. An alert with an expiry stays until then.',
    default: '86400',
    schema: wholeNumber(60, 7 * 86_400),
  }),
  watchOverQuietHours: setting({
    env: 'WATCH_OVER_QUIET_HOURS',
    doc:
      'Watch-over: hours without any remote key press or answer after which a household that agreed raises one ' +
      'notice to its contacts and the municipality (a consent may name its own).',
    default: '24',
    schema: wholeNumber(1, 168),
  }),
  watchOverCheckSeconds: setting({
    env: 'WATCH_OVER_CHECK_SECONDS',
    doc: 'Watch-over: how often each backend node looks for quiet households, in seconds.',
    default: '300',
    schema: wholeNumber(10, 3600),
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
  {
    env: 'ALERT_ANCHOR_FILES',
    message: 'required when ALERT_SIGNED_SENDERS is set: a signature must chain to an anchor to be valid',
    violatedBy: (config) =>
      (config.alertSignedSenders === 'all' || config.alertSignedSenders.length > 0) &&
      (config.alertAnchorFiles ?? []).length === 0,
  },
];
