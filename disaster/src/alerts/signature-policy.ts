// Which publishers must sign. A message from such a publisher that is unsigned, or whose signature does not
// verify or chain to an anchor, is rejected whole; from anyone else the outcome is only reported.
import { AlertError } from './alert-error.ts';
import type { Alert } from './alert-model.ts';

export interface SignaturePolicy {
  mustSign(sender: string): boolean;
}

export const noSignatureRequired: SignaturePolicy = { mustSign: () => false };

/** `'all'`: every publisher must sign; otherwise the listed senders must. */
export function signersPolicy(senders: Iterable<string> | 'all'): SignaturePolicy {
  if (senders === 'all') return { mustSign: () => true };
  const set = new Set(senders);
  return { mustSign: (sender) => set.has(sender) };
}

export function enforceSignaturePolicy(alert: Alert, policy: SignaturePolicy): void {
  if (!policy.mustSign(alert.sender)) return;
  const { signature } = alert;
  if (!signature.present) {
    throw new AlertError(
      'alert.signature-required',
      `publisher ${alert.sender} must sign and the message is unsigned`,
    );
  }
  if (!signature.valid) {
    throw new AlertError(
      'alert.signature-invalid',
      `signature of ${alert.sender} not accepted: ${signature.reason ?? 'invalid'}`,
    );
  }
}
