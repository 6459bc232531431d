// Where a health screen goes when the bridge could not answer: signed out meanwhile → the card flow and back
// here; the card's own problems and everything else → the card flow's problem screen (nothing was changed, so
// its texts fit).
import type { ReportProblem } from '../api/bridge-client.ts';
import type { Destination } from '../managers/card-flow.ts';
import { nextTask } from '../state/next-task.ts';

export function destinationOfHealthProblem(problem: ReportProblem, retryPath: string): Destination {
  switch (problem) {
    case 'signed-out':
      nextTask.set(retryPath);
      return { path: '/card' };
    case 'no-card':
    case 'not-my-number-card':
    case 'no-reader':
    case 'unavailable':
    case 'card-invalid':
      return { path: `/problem/${problem}` };
    case 'certificate':
      return { path: '/problem/card-invalid' };
    default:
      return { path: '/problem/failed' };
  }
}
