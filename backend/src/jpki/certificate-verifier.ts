// Verifying a JPKI end-entity certificate for one purpose: profile, validity, path to a trust anchor
// (cached per certificate) and revocation status. Unknown status is refused, never treated as good.
import type { CacheStats } from './bounded-cache.ts';
import { ChainValidator, type ValidatedCertificate } from './chain-validator.ts';
import { JpkiError } from './jpki-error.ts';
import type { CertPurpose } from './oids.ts';
import type { StatusSource } from './revocation-status.ts';
import type { TrustAnchors } from './trust-anchors.ts';

export interface CertificateVerifierOptions {
  anchors: TrustAnchors;
  /** OCSP / CRL / cache composition; see createJpkiStatusSource. */
  statusSource: StatusSource;
  /** Chain-verdict cache bounds (defaults: 10,000 entries, 1 hour). */
  chainCache?: { maxEntries?: number; maxAgeMs?: number };
  now?: () => Date;
}

export class CertificateVerifier {
  readonly #chains: ChainValidator;
  readonly #status: StatusSource;
  readonly #now: () => Date;

  constructor(options: CertificateVerifierOptions) {
    this.#now = options.now ?? (() => new Date());
    this.#chains = new ChainValidator({
      anchors: options.anchors,
      ...options.chainCache,
      clock: () => this.#now().getTime(),
    });
    this.#status = options.statusSource;
  }

  now(): Date {
    return this.#now();
  }

  /** Profile, validity at `at` (default now) and chain; no revocation check. Throws JpkiError. */
  validateChain(input: { der: Uint8Array; purpose: CertPurpose; at?: Date }): Promise<ValidatedCertificate> {
    return this.#chains.validate({ der: input.der, purpose: input.purpose, at: input.at ?? this.#now() });
  }

  /** Throws cert-revoked (reason and time on `error.revocation`) or status-unknown unless the status is good. */
  async checkRevocation(validated: ValidatedCertificate): Promise<void> {
    const status = await this.#status.check({
      certificate: validated.certificate,
      issuer: validated.issuer,
      purpose: validated.purpose,
      fingerprint: validated.fingerprint,
    });
    if (status.status === 'revoked') {
      throw new JpkiError(
        'jpki.cert-revoked',
        `certificate revoked (${status.reason}) at ${status.revokedAt.toISOString()}`,
        { revocation: status },
      );
    }
    if (status.status === 'unknown') {
      throw new JpkiError('jpki.status-unknown', `revocation status unknown: ${status.why}`, {
        revocation: status,
      });
    }
  }

  /** validateChain then checkRevocation. */
  async verify(input: { der: Uint8Array; purpose: CertPurpose; at?: Date }): Promise<ValidatedCertificate> {
    const validated = await this.validateChain(input);
    await this.checkRevocation(validated);
    return validated;
  }

  chainCacheStats(): CacheStats {
    return this.#chains.stats();
  }
}
