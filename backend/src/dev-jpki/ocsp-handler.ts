// The OCSP responder as a fetch-style handler, so the backend can mount it in Hono and the CLI can serve
// it with @hono/node-server. POST carries the DER request as the body; GET carries it base64 (then
// URL-encoded) as the last path part (RFC 6960 appendix A.1).
import type { DevPki } from './dev-pki.ts';
import { answerOcspRequest } from './ocsp-response.ts';

const responseHeaders = { 'content-type': 'application/ocsp-response', 'cache-control': 'no-store' };

function requestFromPath(pathname: string): Uint8Array | undefined {
  // Base64 may contain '/', so everything after the first slash is the request.
  const encoded = pathname.replace(/^\/+/, '');
  if (encoded === '') return undefined;
  try {
    return new Uint8Array(Buffer.from(decodeURIComponent(encoded), 'base64'));
  } catch {
    return undefined;
  }
}

export function createOcspHandler(pki: DevPki): (request: Request) => Promise<Response> {
  return async (request) => {
    let der: Uint8Array | undefined;
    if (request.method === 'POST') der = new Uint8Array(await request.arrayBuffer());
    else if (request.method === 'GET') der = requestFromPath(new URL(request.url).pathname);
    else return new Response('OCSP takes GET or POST', { status: 405, headers: { allow: 'GET, POST' } });
    const body = await answerOcspRequest(pki, der ?? new Uint8Array());
    return new Response(body, { status: 200, headers: responseHeaders });
  };
}
