// A dispatcher that only records what it was asked (tests, and a backend started without delivery): every
// issue targets nobody and pushes nothing.
import type { AlertDispatcher, DispatchSummary, StoredAlert } from './alert-dispatcher.ts';

export interface DispatchCall {
  kind: 'issue' | 'withdraw';
  alert: StoredAlert;
  /** `replaces` of issue, `withdrawn` of withdraw. */
  ids: readonly string[];
}

export interface RecordingDispatcher extends AlertDispatcher {
  calls: DispatchCall[];
}

export function createRecordingDispatcher(
  answer: (call: DispatchCall) => DispatchSummary = (call) => ({
    outcome: call.kind === 'issue' ? 'recorded' : 'withdrawn',
    targeted: 0,
    pushSeq: null,
  }),
): RecordingDispatcher {
  const calls: DispatchCall[] = [];
  const record = async (call: DispatchCall) => {
    calls.push(call);
    return answer(call);
  };
  return {
    calls,
    issue: (alert, ids) => record({ kind: 'issue', alert, ids }),
    withdraw: (alert, ids) => record({ kind: 'withdraw', alert, ids }),
  };
}
