// Path validation of an end-entity certificate to the trust anchors of its purpose (pkijs
// CertificateChainValidationEngine, RFC 5280 incl. explicit policy). Full validation costs milliseconds, so
// the verdict is cached per certificate DER (bounded size and age) together with the parsed certificate and
// its node:crypto KeyObject; the validity windows are still checked on every call.
import type { KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { BoundedCache, type CacheStats } from './bounded-cache.ts';
import { checkCertificateSize, fingerprintOf, parseCertificate } from './certificate-der.ts';
import { checkPurpose, checkValidity, type ValidityWindow, validityOf } from './certificate-profile.ts';
import { JpkiError } from './jpki-error.ts';
import { type CertPurpose, policyOid } from './oids.ts';
import { ensurePkijsEngine } from './pkijs-engine.ts';
import { publicKeyOf } from './rsa-signature.ts';
import type { TrustAnchors } from './trust-anchors.ts';

export interface ValidatedCertificate {
  der: Uint8Array;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  purpose: CertPurpose;
  certificate: pkijs.Certificate;
  /** The trust anchor it chains to. */
  issuer: pkijs.Certificate;
  publicKey: KeyObject;
  validity: ValidityWindow;
  issuerValidity: ValidityWindow;
}

export interface ChainValidatorOptions {
  anchors: TrustAnchors;
  /** Cached verdicts kept at most (default 10,000). */
  maxEntries?: number;
  /** Age after which a verdict is recomputed (default 1 hour). */
  maxAgeMs?: number;
  /** Clock for the cache age (default Date.now). */
  clock?: () => number;
}

export class ChainValidator {
  readonly #anchors: TrustAnchors;
  readonly #cache: BoundedCache<ValidatedCertificate>;
  readonly #maxAgeMs: number;
  readonly #clock: () => number;

  constructor(options: ChainValidatorOptions) {
    ensurePkijsEngine();
    this.#anchors = options.anchors;
    this.#cache = new BoundedCache({ maxEntries: options.maxEntries ?? 10_000 });
    this.#maxAgeMs = options.maxAgeMs ?? 3_600_000;
    this.#clock = options.clock ?? Date.now;
  }

  async validate(input: { der: Uint8Array; purpose: CertPurpose; at: Date }): Promise<ValidatedCertificate> {
    const { der, purpose, at } = input;
    checkCertificateSize(der);
    const fingerprint = fingerprintOf(der);
    const key = `${purpose}:${fingerprint}`;
    const cached = this.#cache.get(key, this.#clock());
    if (cached !== undefined) {
      checkValidity(cached.validity, at, 'certificate');
      checkValidity(cached.issuerValidity, at, 'issuing CA certificate');
      return cached;
    }
    const validated = await this.#validateUncached({ der, purpose, at, fingerprint });
    this.#cache.set(key, validated, this.#clock() + this.#maxAgeMs);
    return validated;
  }

  stats(): CacheStats {
    return this.#cache.stats();
  }

  async #validateUncached(input: {
    der: Uint8Array;
    purpose: CertPurpose;
    at: Date;
    fingerprint: string;
  }): Promise<ValidatedCertificate> {
    const { der, purpose, at, fingerprint } = input;
    const certificate = parseCertificate(der);
    checkPurpose(certificate, purpose);
    const validity = validityOf(certificate);
    checkValidity(validity, at, 'certificate');
    const issuer = await this.#findIssuer(certificate, purpose, at);
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [issuer],
      certs: [certificate],
      checkDate: at,
    });
    const result = await engine.verify({
      initialExplicitPolicy: true,
      initialPolicySet: [policyOid[purpose]],
    });
    if (!result.result) {
      throw new JpkiError('jpki.cert-untrusted', `path validation failed: ${result.resultMessage}`, {
        cause: result.error,
      });
    }
    return {
      der,
      fingerprint,
      purpose,
      certificate,
      issuer,
      publicKey: this.#publicKey(certificate),
      validity,
      issuerValidity: validityOf(issuer),
    };
  }

  /** The anchor whose key signed the certificate (pkijs matches AKI to SKI, else DN, then checks the signature). */
  async #findIssuer(
    certificate: pkijs.Certificate,
    purpose: CertPurpose,
    at: Date,
  ): Promise<pkijs.Certificate> {
    const anchors = this.#anchors[purpose];
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...anchors],
      certs: [certificate],
    });
    const candidates = (await engine.defaultFindIssuer(certificate, engine)).filter((c) =>
      anchors.includes(c),
    );
    if (candidates.length === 0) {
      throw new JpkiError('jpki.cert-untrusted', `certificate is not signed by any configured ${purpose} CA`);
    }
    // One key may be certified by more than one CA certificate (re-issued generations): prefer one valid now.
    const valid = candidates.find((c) => at >= c.notBefore.value && at <= c.notAfter.value);
    const issuer = valid ?? (candidates[0] as pkijs.Certificate);
    checkValidity(validityOf(issuer), at, 'issuing CA certificate');
    return issuer;
  }

  #publicKey(certificate: pkijs.Certificate): KeyObject {
    try {
      return publicKeyOf(certificate);
    } catch (cause) {
      throw new JpkiError('jpki.cert-malformed', 'certificate public key is not usable', { cause });
    }
  }
}
