// The card verifiers of a backend process, from configuration. Two modes, chosen here only:
// - configured (OCSP_URL set): trust anchors from the CA files (JPKI_*_CA_FILES, else JPKI_PKI_DIR/*-ca.pem),
//   OCSP at OCSP_URL, CRL fallback from JPKI_PKI_DIR/{sign,auth}.crl (kept current by the operator);
// - development (OCSP_URL unset): the emulated PKI in JPKI_PKI_DIR, created if missing, whose responder and
//   CRLs this same server serves at /dev-jpki/ (the OCSP client calls its own node over HTTP).
// Revocation answers are cached (OCSP_CACHE_MAX_AGE_SECONDS), chain verdicts too, so a login normally costs
// no network round trip.
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import type * as pkijs from 'pkijs';
import type { Config } from '../config/index.ts';
import type { Queryable } from '../db/index.ts';
import { createDevPkiApp, currentCrl, type DevPki, devPkiFiles, initDevPki } from '../dev-jpki/index.ts';
import type { JpkiHealth } from '../http/index.ts';
import {
  type CachedStatusSource,
  CertificateVerifier,
  type CertPurpose,
  type ChallengeStore,
  type CrlLocation,
  createCachedStatusSource,
  createCrlStatusSource,
  createFallbackStatusSource,
  createOcspStatusSource,
  LoginVerifier,
  readTrustAnchors,
} from '../jpki/index.ts';
import { createPgChallengeStore } from '../residents/index.ts';
import { watchOcsp } from './ocsp-watch.ts';
import { tolerateClockSkew } from './skew-tolerant-challenges.ts';

/** Where the development responder is mounted in this server. */
export const devPkiMount = '/dev-jpki';

export interface JpkiSetup {
  certificates: CertificateVerifier;
  login: LoginVerifier;
  /** Where login challenges live (shared by the nodes), for housekeeping. */
  challenges: ChallengeStore;
  /** The revocation cache (OCSP, then CRL), for metrics. */
  status: CachedStatusSource;
  health(): JpkiHealth;
  /** The emulated PKI's HTTP face, to mount at `devPkiMount`; only in the development mode. */
  devPkiApp?: Hono;
  /** The CRL source and the user-auth anchors, for the shelter check-in's own revocation check. */
  authCrl: {
    loadCrl: (location: CrlLocation) => Promise<Uint8Array | undefined>;
    issuers: readonly pkijs.Certificate[];
  };
}

export async function setUpJpki(options: {
  config: Config;
  db: Queryable;
  clock: () => Date;
  /** This server's own base URL, known once it listens (the development OCSP responder lives there). */
  selfUrl: () => string;
}): Promise<JpkiSetup> {
  const { config, clock } = options;
  const files = devPkiFiles(config.jpkiPkiDir);
  const pki: DevPki | undefined =
    config.ocspUrl === undefined ? await initDevPki({ dir: config.jpkiPkiDir }) : undefined;
  const anchors = await readTrustAnchors({
    sign: config.jpkiSignCaFiles ?? [files.caCert('sign')],
    auth: config.jpkiAuthCaFiles ?? [files.caCert('auth')],
  });
  const ocspUrl = config.ocspUrl ?? (() => `${options.selfUrl()}${devPkiMount}/ocsp`);
  const ocsp = watchOcsp(createOcspStatusSource({ url: ocspUrl, now: clock }), clock);
  const loadCrl = pki
    ? ({ purpose }: CrlLocation) => currentCrl(pki, purpose, clock())
    : ({ purpose }: CrlLocation) => readCrlFile(files.crl(purpose));
  // createJpkiStatusSource's composition, with the OCSP source watched for the health report.
  const status = createCachedStatusSource(
    createFallbackStatusSource([ocsp, createCrlStatusSource({ loadCrl, now: clock })]),
    { maxAgeMs: config.ocspCacheMaxAgeSeconds * 1000, clock: () => clock().getTime() },
  );
  const certificates = new CertificateVerifier({ anchors, statusSource: status, now: clock });
  const challenges = tolerateClockSkew(
    createPgChallengeStore(options.db),
    config.clockSkewToleranceSeconds * 1000,
  );
  const login = new LoginVerifier({
    certificates,
    challenges,
    challengeTtlMs: config.loginChallengeTtlSeconds * 1000,
    now: clock,
  });
  const count = (purpose: CertPurpose) => anchors[purpose].length;
  return {
    certificates,
    login,
    challenges,
    status,
    health: () => ({ anchors: { sign: count('sign'), auth: count('auth') }, ocsp: ocsp.state() }),
    ...(pki ? { devPkiApp: createDevPkiApp(pki) } : {}),
    authCrl: { loadCrl, issuers: anchors.auth },
  };
}

async function readCrlFile(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
