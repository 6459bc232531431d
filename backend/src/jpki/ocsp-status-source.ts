// Revocation status by OCSP: one request per certificate with a fresh nonce, POSTed to the configured
// responder (J-LIS gives registered verifiers a private one; the development PKI serves its own), with a
// timeout. Network failures and bad answers become `unknown`, which the fallback / verifier handle.
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readOcspResponse } from './ocsp-response-check.ts';
import { ocspOid } from './oids.ts';
import { ensurePkijsEngine } from './pkijs-engine.ts';
import type { RevocationStatus, StatusQuery, StatusSource } from './revocation-status.ts';

export interface OcspStatusSourceOptions {
  /** Responder URL, or one per query (e.g. per purpose). */
  url: string | ((query: StatusQuery) => string);
  /** Abort the request after this long (default 3 s). */
  timeoutMs?: number;
  /** Clock difference tolerated for thisUpdate / nextUpdate (default 5 min). */
  skewMs?: number;
  /** CertID hash (default SHA-256; RFC 5019 responders may want SHA-1). */
  certIdHash?: 'SHA-1' | 'SHA-256';
  /** Larger answers are refused unread (default 64 KiB). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export function createOcspStatusSource(options: OcspStatusSourceOptions): StatusSource {
  ensurePkijsEngine();
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  return {
    async check(query: StatusQuery): Promise<RevocationStatus> {
      const nonce = new Uint8Array(randomBytes(32));
      const request = new pkijs.OCSPRequest();
      await request.createForCertificate(query.certificate, {
        hashAlgorithm: options.certIdHash ?? 'SHA-256',
        issuerCertificate: query.issuer,
      });
      const certId = request.tbsRequest.requestList[0]?.reqCert;
      if (certId === undefined) return { status: 'unknown', why: 'OCSP request without CertID' };
      request.tbsRequest.requestExtensions = [
        new pkijs.Extension({
          extnID: ocspOid.nonce,
          extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(),
        }),
      ];
      const url = typeof options.url === 'string' ? options.url : options.url(query);
      let body: Uint8Array;
      try {
        const response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
          body: new Uint8Array(request.toSchema(true).toBER()),
          signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        });
        if (response.status !== 200)
          return { status: 'unknown', why: `OCSP responder answered HTTP ${response.status}` };
        const length = Number(response.headers.get('content-length') ?? 0);
        if (length > maxBytes) return { status: 'unknown', why: `OCSP response of ${length} bytes refused` };
        body = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        return { status: 'unknown', why: `OCSP responder unreachable: ${describe(error)}` };
      }
      if (body.byteLength > maxBytes)
        return { status: 'unknown', why: `OCSP response of ${body.byteLength} bytes refused` };
      return readOcspResponse(body, {
        certId,
        nonce,
        issuer: query.issuer,
        now: now(),
        skewMs: options.skewMs ?? 5 * 60_000,
      });
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
