// HTTP face of the development JPKI: the OCSP responder (POST /ocsp, GET /ocsp/<base64>, and POST / for
// clients given the bare origin) and each CA's CRL and certificate. The CLI serves it; the backend can
// mount it too.
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import type { CertPurpose } from '../jpki/oids.ts';
import { currentCrl } from './crl-publication.ts';
import type { DevPki } from './dev-pki.ts';
import { createOcspHandler } from './ocsp-handler.ts';

const purposes: readonly CertPurpose[] = ['sign', 'auth'];

export function createDevPkiApp(pki: DevPki): Hono {
  const app = new Hono();
  const ocsp = mount(createOcspHandler(pki));
  app.all('/ocsp/*', ocsp);
  app.post('/', ocsp);
  for (const purpose of purposes) {
    app.get(`/${purpose}.crl`, async (c) =>
      c.body(await currentCrl(pki, purpose), 200, { 'content-type': 'application/pkix-crl' }),
    );
    app.get(`/${purpose}-ca.pem`, (c) =>
      c.body(pki.ca[purpose].pem, 200, { 'content-type': 'application/x-pem-file' }),
    );
  }
  return app;
}
