// PEM armour (RFC 7468) for the DER the development PKI writes to disk and hands to the virtual card.
import { DevPkiError } from './dev-pki-error.ts';

export type PemLabel = 'CERTIFICATE' | 'PRIVATE KEY' | 'X509 CRL';

export function toPem(der: Uint8Array | ArrayBuffer, label: PemLabel): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function fromPem(pem: string, label: PemLabel): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match?.[1]) throw new DevPkiError('dev-pki.bad-input', `no ${label} PEM block found`);
  return new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
}
