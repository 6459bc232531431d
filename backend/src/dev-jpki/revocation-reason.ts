// Revocation reasons (RFC 5280 CRLReason) and the everyday JPKI causes that map to them. The J-LIS CPS
// reasons come from a platform operator's documentation (jpki spec §5); which code J-LIS uses for a death
// is UNCONFIRMED — we use cessationOfOperation (the CPS's 不要 "no longer needed"), as the holder's
// certificate is no longer needed, and nothing about the key or the content went wrong.
import { type RevocationReason, revocationReasons } from '../jpki/revocation-status.ts';
import { DevPkiError } from './dev-pki-error.ts';

export type { RevocationReason };

/** The CRLReason ENUMERATED value of a reason (its index in RFC 5280's list). */
export function revocationReasonCode(reason: RevocationReason): number {
  return revocationReasons.indexOf(reason);
}

/** Causes a municipal office records, by the reason they go out with. */
export const revocationCause = {
  /** 記載内容に変更: name, address, birth date or gender changed. */
  change: 'affiliationChanged',
  /** 死亡 (UNCONFIRMED code, see above). */
  death: 'cessationOfOperation',
  /** 紛失: card lost, the key may be in other hands. */
  loss: 'keyCompromise',
  /** 更新: renewed, a new certificate replaces this one. */
  renewal: 'superseded',
} as const satisfies Record<string, RevocationReason>;
export type RevocationCause = keyof typeof revocationCause;

/** Accepts an RFC 5280 reason name or one of the causes above (CLI input). */
export function parseRevocationReason(text: string): RevocationReason {
  if ((revocationReasons as readonly unknown[]).includes(text)) return text as RevocationReason;
  if (Object.hasOwn(revocationCause, text)) return revocationCause[text as RevocationCause];
  const known = [...Object.keys(revocationCause), ...revocationReasons.filter(Boolean)].join(', ');
  throw new DevPkiError('dev-pki.bad-input', `unknown revocation reason "${text}" (one of: ${known})`);
}
