// The 利用申込み's decisions shared by its screens: signing and sending the application being made (the
// password lives only in this call), and which screen follows the bridge's answer.
import { type ApplyResult, bridge } from '../api/bridge-client.ts';
import type { Destination } from '../managers/card-flow.ts';
import { signingTask } from '../managers/signing-task.ts';
import { applicationStore } from './application-store.ts';
import { destinationOfHealthProblem } from './health-problem.ts';

export function destinationAfterApply(result: ApplyResult): Destination {
  if (result.ok) {
    applicationStore.received(result.application);
    return { path: '/health/apply/receipt' };
  }
  if (result.problem === 'wrong') return { path: '/health/apply/password', data: { wrong: true } };
  if (result.problem === 'blocked') return { path: '/blocked/sign' };
  switch (result.problem) {
    case 'card-removed':
    case 'unavailable':
    case 'failed':
      return { path: `/health/apply/problem/${result.problem}` };
    default:
      return destinationOfHealthProblem(result.problem, '/health/apply/confirm');
  }
}

/** Signs and sends the application being made; false when there is none (nothing to sign). */
export function startApplying(password: string): boolean {
  const draft = applicationStore.draft;
  if (!draft || draft.birthDates.length === 0) return false;
  signingTask.start(
    bridge()
      .applyForHealth({
        applicationId: draft.applicationId,
        children: draft.birthDates.map((birthDate) => ({ birthDate })),
        password,
      })
      .then(destinationAfterApply),
  );
  return true;
}
