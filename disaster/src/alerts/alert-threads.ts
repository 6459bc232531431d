// Threads of messages about one incident (CAP 1.2 §3.2.1 msgType/references; spec §1.5), as pure logic over
// the alert model: storage comes later. A thread is every message linked by `references`, followed
// transitively, or sharing a sender's series (L-Alert documentID, a JMA office's warning report). Its state
// is derived from its members, newest `sent` first, so arrival order does not matter: a late original
// after its Update is superseded on arrival, an original after its Cancel is withdrawn on arrival.
import type { Alert } from './alert-model.ts';
import { timeOf } from './date-time.ts';

export interface AlertKey {
  sender: string;
  identifier: string;
}

export type ThreadOutcome =
  /** An Alert that is now in force. */
  | { kind: 'new'; thread: string }
  /** An Update now in force, replacing `replaced`. */
  | { kind: 'updated'; thread: string; replaced: AlertKey[] }
  /** A Cancel that withdrew what was in force (`withdrawn` may be empty if it had already expired). */
  | { kind: 'cancelled'; thread: string; withdrawn: AlertKey[] }
  /** A Cancel naming nothing known: kept, so the original is withdrawn if it arrives later. */
  | { kind: 'cancel-unknown'; thread: string }
  /** Same sender, identifier and sent as a message already received: nothing changes. */
  | { kind: 'duplicate'; thread: string }
  /** Arrived after a newer message of its thread (wrong order): kept, not in force. */
  | { kind: 'superseded'; thread: string; current: AlertKey }
  /** Arrived after a Cancel of its thread: kept, not in force. */
  | { kind: 'withdrawn'; thread: string }
  /** Ack and Error messages do not change what is shown. */
  | { kind: 'ignored' }
  | { kind: 'rejected'; reason: 'foreign-sender' | 'identifier-reused'; message: string };

export type AlertState = 'in-force' | 'superseded' | 'withdrawn' | 'expired' | 'unknown';

export interface AlertThreads {
  receive(alert: Alert): ThreadOutcome;
  /** The message in force of every thread at `now`: not superseded, not withdrawn, not expired. */
  inForce(now: Date): Alert[];
  stateOf(key: AlertKey, now: Date): AlertState;
  /** The thread of a received message (as in `receive`'s outcome; it can change when threads join). */
  threadOf(key: AlertKey): string | undefined;
}

const keyOf = (sender: string, identifier: string) => `${sender}\u0000${identifier}`;
const seriesNode = (sender: string, series: string) => `${sender}\u0000\u0000series\u0000${series}`;
const toKey = (alert: Alert): AlertKey => ({ sender: alert.sender, identifier: alert.identifier });

/** An alert has expired when it has infos and every one of them has passed its `expires`. */
export function isExpired(alert: Alert, now: Date): boolean {
  return (
    alert.infos.length > 0 &&
    alert.infos.every((info) => info.expires !== null && timeOf(info.expires) <= now.getTime())
  );
}

const typeRank = { Alert: 0, Update: 1, Cancel: 2, Ack: -1, Error: -1 } as const;

export function createAlertThreads(): AlertThreads {
  const messages = new Map<string, { alert: Alert; arrival: number }>();
  // Union-find over message keys, referenced keys not (yet) received and series nodes.
  const parent = new Map<string, string>();
  const members = new Map<string, string[]>();
  const seriesOwner = new Map<string, string>();
  let arrivals = 0;

  function find(node: string): string {
    let root = parent.get(node) ?? node;
    if (!parent.has(node)) {
      parent.set(node, node);
      members.set(node, [node]);
      return node;
    }
    while (root !== (parent.get(root) ?? root)) root = parent.get(root) ?? root;
    parent.set(node, root);
    return root;
  }

  function union(a: string, b: string): string {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) return rootA;
    const [big, small] =
      (members.get(rootA)?.length ?? 0) >= (members.get(rootB)?.length ?? 0)
        ? [rootA, rootB]
        : [rootB, rootA];
    parent.set(small, big);
    members.set(big, [...(members.get(big) ?? []), ...(members.get(small) ?? [])]);
    members.delete(small);
    return big;
  }

  /** Newest message of a thread: latest `sent`, then Cancel over Update over Alert, then latest arrival. */
  function newest(root: string) {
    let best: { alert: Alert; arrival: number } | undefined;
    for (const node of members.get(root) ?? []) {
      const entry = messages.get(node);
      if (!entry || typeRank[entry.alert.msgType] < 0) continue;
      if (!best) {
        best = entry;
        continue;
      }
      const order =
        timeOf(entry.alert.sent) - timeOf(best.alert.sent) ||
        typeRank[entry.alert.msgType] - typeRank[best.alert.msgType] ||
        entry.arrival - best.arrival;
      if (order > 0) best = entry;
    }
    return best?.alert;
  }

  function referencedNodes(alert: Alert): string[] {
    const nodes = alert.references.map((r) => keyOf(r.sender, r.identifier));
    if (alert.series !== null) nodes.push(seriesNode(alert.sender, alert.series));
    return nodes;
  }

  return {
    receive(alert) {
      if (typeRank[alert.msgType] < 0) return { kind: 'ignored' };
      const key = keyOf(alert.sender, alert.identifier);
      const known = messages.get(key);
      if (known) {
        if (known.alert.sent === alert.sent) return { kind: 'duplicate', thread: find(key) };
        return {
          kind: 'rejected',
          reason: 'identifier-reused',
          message: `${alert.sender} already sent ${alert.identifier} at ${known.alert.sent}`,
        };
      }
      const foreign = alert.references.find((r) => r.sender !== alert.sender);
      if (foreign) {
        return {
          kind: 'rejected',
          reason: 'foreign-sender',
          message: `${alert.sender} may not ${alert.msgType.toLowerCase()} ${foreign.identifier} of ${foreign.sender}`,
        };
      }
      if (alert.series !== null && alert.msgType !== 'Alert') {
        const owner = seriesOwner.get(alert.series);
        if (
          owner !== undefined &&
          owner !== alert.sender &&
          !parent.has(seriesNode(alert.sender, alert.series))
        ) {
          return {
            kind: 'rejected',
            reason: 'foreign-sender',
            message: `${alert.sender} may not ${alert.msgType.toLowerCase()} series ${alert.series} of ${owner}`,
          };
        }
      }
      if (alert.series !== null && !seriesOwner.has(alert.series))
        seriesOwner.set(alert.series, alert.sender);

      const before = (() => {
        const roots = new Set(
          referencedNodes(alert)
            .filter((n) => parent.has(n))
            .map(find),
        );
        return [...roots].map(newest).filter((a): a is Alert => a !== undefined);
      })();
      messages.set(key, { alert, arrival: arrivals++ });
      let root = find(key);
      for (const node of referencedNodes(alert)) root = union(root, node);
      const latest = newest(root);
      const thread = root;
      if (alert.msgType === 'Cancel') {
        if (before.length === 0) return { kind: 'cancel-unknown', thread };
        if (latest !== alert) return { kind: 'superseded', thread, current: toKey(latest ?? alert) };
        return {
          kind: 'cancelled',
          thread,
          withdrawn: before.filter((a) => a.msgType !== 'Cancel').map(toKey),
        };
      }
      if (latest === alert) {
        if (alert.msgType === 'Alert' && before.length === 0) return { kind: 'new', thread };
        return { kind: 'updated', thread, replaced: before.filter((a) => a.msgType !== 'Cancel').map(toKey) };
      }
      if (latest?.msgType === 'Cancel') return { kind: 'withdrawn', thread };
      return { kind: 'superseded', thread, current: toKey(latest ?? alert) };
    },

    inForce(now) {
      const found: Alert[] = [];
      for (const root of members.keys()) {
        const latest = newest(root);
        if (latest && latest.msgType !== 'Cancel' && !isExpired(latest, now)) found.push(latest);
      }
      return found;
    },

    stateOf({ sender, identifier }, now) {
      const key = keyOf(sender, identifier);
      const entry = messages.get(key);
      if (!entry) return 'unknown';
      const latest = newest(find(key));
      if (latest?.msgType === 'Cancel') return 'withdrawn';
      if (latest !== entry.alert) return 'superseded';
      return isExpired(entry.alert, now) ? 'expired' : 'in-force';
    },

    threadOf({ sender, identifier }) {
      const key = keyOf(sender, identifier);
      return messages.has(key) ? find(key) : undefined;
    },
  };
}
