// A backend process: the composition root and the pieces it is made of that others reuse.
export { appPolicyOf } from './app-policy.ts';
export { devPkiMount } from './jpki-setup.ts';
export { tolerateClockSkew } from './skew-tolerant-challenges.ts';
export { type Backend, type StartBackendOptions, startBackend } from './start-backend.ts';
export type { StaticMount } from './static-mounts.ts';
