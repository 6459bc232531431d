// How long a box waits before its next connection attempt.

export interface BackoffOptions {
  /** Ceiling of the first wait. */
  initialMs: number;
  /** Ceiling of every wait. */
  maxMs: number;
}

/**
 * Wait before attempt `failures` + 1: the ceiling doubles per failure up to `maxMs`; the wait is half the ceiling
 * plus a random half, so boxes that lost their connection together (a node died, the power came back) spread
 * out instead of knocking all at once.
 */
export function backoffDelay(
  failures: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
