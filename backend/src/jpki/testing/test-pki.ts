// Test support: a development PKI in a temp folder with its OCSP responder served over real HTTP on
// 127.0.0.1 port 0, and verifiers wired to it the way the backend wires them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  createOcspHandler,
  type DevPki,
  devPkiFiles,
  fromPem,
  type HolderProfile,
  initDevPki,
} from '../../dev-jpki/index.ts';
import type { CachedStatusSource } from '../cached-status-source.ts';
import { CertificateVerifier } from '../certificate-verifier.ts';
import { createJpkiStatusSource } from '../jpki-status-source.ts';
import type { CertPurpose } from '../oids.ts';
import { type TrustAnchors, trustAnchorsFromDer } from '../trust-anchors.ts';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch-style handler on 127.0.0.1, port 0. */
export function listen(handler: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

/** A URL nobody listens on: connection refused. */
export async function refusedUrl(): Promise<string> {
  const server = await listen(() => new Response());
  await server.close();
  return server.url;
}

export interface TestPki {
  dir: string;
  pki: DevPki;
  anchors: TrustAnchors;
  ocsp: Listening;
  holder(id?: string): HolderProfile;
  certificateDer(holder: HolderProfile, purpose: CertPurpose): Uint8Array;
  /** The CA's current CRL file from the data folder. */
  loadCrl(purpose: CertPurpose): Promise<Uint8Array>;
  /** A verifier using OCSP at `ocspUrl` (default the served responder) and, if `crl`, the CRL files. */
  verifier(options?: { ocspUrl?: string; crl?: boolean; now?: () => Date }): {
    certificates: CertificateVerifier;
    status: CachedStatusSource;
  };
  close(): Promise<void>;
}

export async function startTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'jpki-test-'));
  const pki = await initDevPki({ dir });
  const ocsp = await listen(createOcspHandler(pki));
  const anchors = trustAnchorsFromDer({ sign: [pki.ca.sign.der], auth: [pki.ca.auth.der] });
  const loadCrl = async (purpose: CertPurpose) =>
    new Uint8Array(await readFile(devPkiFiles(dir).crl(purpose)));
  return {
    dir,
    pki,
    anchors,
    ocsp,
    holder(id) {
      const found = id === undefined ? pki.holders[0] : pki.holders.find((h) => h.id === id);
      if (found === undefined) throw new Error(`no holder ${id}`);
      return found;
    },
    certificateDer(holder, purpose) {
      return fromPem(purpose === 'sign' ? holder.signCertPem : holder.authCertPem, 'CERTIFICATE');
    },
    loadCrl,
    verifier(options = {}) {
      const now = options.now ?? (() => new Date());
      const status = createJpkiStatusSource({
        ocsp: { url: options.ocspUrl ?? ocsp.url, timeoutMs: 2000, now },
        ...(options.crl ? { crl: { loadCrl: ({ purpose }) => loadCrl(purpose), now } } : {}),
        cache: { clock: () => now().getTime() },
      });
      return { certificates: new CertificateVerifier({ anchors, statusSource: status, now }), status };
    },
    async close() {
      await ocsp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
