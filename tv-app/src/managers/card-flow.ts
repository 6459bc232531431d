// The decisions of the card flow shared by its screens: may a PIN or password be entered now (tries left,
// warning before the last one), and which screen follows an answer of the card.
import { bridge, type PinKind, type SecretResult } from '../api/bridge-client.ts';
import { ja } from '../texts/ja.ts';
import { openDialog } from './dialog-manager.ts';

export interface Destination {
  path: string;
  data?: Record<string, unknown>;
}

export type TriesCheck = { ok: true; triesLeft: number } | { ok: false; next: Destination };

/** Tries left for `kind`, or where to go instead (blocked card, no card, bridge trouble). */
export async function checkTries(kind: PinKind): Promise<TriesCheck> {
  const result = await bridge().triesLeft(kind);
  if (!result.ok) return { ok: false, next: { path: `/problem/${result.problem}` } };
  if (result.triesLeft === 0) return { ok: false, next: { path: `/blocked/${kind}` } };
  return { ok: true, triesLeft: result.triesLeft };
}

/** Before the last try: says plainly what a mistake costs and offers to stop (focused first). */
export async function confirmLastTry(): Promise<boolean> {
  const choice = await openDialog({
    id: 'last-try',
    title: ja.card.lastTryTitle,
    body: ja.card.lastTryBody,
    choices: [ja.card.stop, ja.card.enter],
  });
  return choice === 1;
}

/** The screen after a PIN or password the card or backend did not accept. */
export function destinationAfter(result: Exclude<SecretResult, { ok: true }>): Destination {
  switch (result.problem) {
    case 'wrong':
      return { path: result.kind === 'auth' ? '/card/found' : '/register', data: { wrong: true } };
    case 'blocked':
      return { path: `/blocked/${result.kind}` };
    case 'not-registered':
      return { path: '/register' };
    default:
      return { path: `/problem/${result.problem}` };
  }
}
