// The usual revocation setup in one call: OCSP first, CRL when OCSP cannot answer, answers cached.
import {
  type CachedStatusSource,
  type CachedStatusSourceOptions,
  createCachedStatusSource,
} from './cached-status-source.ts';
import { type CrlStatusSourceOptions, createCrlStatusSource } from './crl-status-source.ts';
import { createFallbackStatusSource } from './fallback-status-source.ts';
import { createOcspStatusSource, type OcspStatusSourceOptions } from './ocsp-status-source.ts';
import type { StatusSource } from './revocation-status.ts';

export interface JpkiStatusSourceOptions {
  ocsp?: OcspStatusSourceOptions;
  crl?: CrlStatusSourceOptions;
  cache?: CachedStatusSourceOptions;
}

export function createJpkiStatusSource(options: JpkiStatusSourceOptions): CachedStatusSource {
  const sources: StatusSource[] = [];
  if (options.ocsp !== undefined) sources.push(createOcspStatusSource(options.ocsp));
  if (options.crl !== undefined) sources.push(createCrlStatusSource(options.crl));
  return createCachedStatusSource(createFallbackStatusSource(sources), options.cache);
}
