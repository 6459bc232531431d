// When every node has written a message to its boxes. A node reads its boxes' acks only once the push is out
// everywhere: on shared cores, a node that finished its own boxes early and read their acks (about 14 µs each)
// took the CPU the other node still needed for its writes and the boxes for their reads (two nodes + Redis,
// 10,000 boxes: last box +18 % over one node without the hold, +5 % with it, medians of back-to-back pairs in
// docs/benchmarks.md).
import { setTimeout as sleep } from 'node:timers/promises';

export interface PeerWrites {
  /** This node has written message `seq`: tells the other nodes and resolves once they all have, or `capMs`. */
  written(seq: number): Promise<void>;
  /** Another node has written message `seq`. */
  peerWrote(seq: number): void;
}

export interface PeerWritesOptions {
  /** How many other nodes deliver the messages (asked once per message). */
  peers: () => Promise<number>;
  announce: (seq: number) => void;
  /** The longest wait for the others (a node that went away never says). */
  capMs: number;
}

interface Tally {
  count: number;
  /** Set while this node waits: called on each peer's report. */
  onReport?: () => void;
  at: number;
}

/** Tallies of messages this node has not waited on are dropped after this long (it may never deliver them). */
const forgetAfterMs = 60_000;

export function createPeerWrites(options: PeerWritesOptions): PeerWrites {
  const tallies = new Map<number, Tally>();
  const tally = (seq: number): Tally => {
    let entry = tallies.get(seq);
    if (!entry) {
      const now = Date.now();
      for (const [old, t] of tallies) if (now - t.at > forgetAfterMs) tallies.delete(old);
      entry = { count: 0, at: now };
      tallies.set(seq, entry);
    }
    return entry;
  };

  return {
    async written(seq) {
      options.announce(seq);
      const entry = tally(seq);
      const cap = new AbortController();
      const allReported = (async () => {
        const peers = await options.peers();
        while (entry.count < peers) {
          await new Promise<void>((resolve) => {
            entry.onReport = resolve;
          });
        }
      })();
      // Settled either way: a failure to count the nodes (Redis went down) is no reason to hold the acks.
      allReported.catch(() => {});
      try {
        await Promise.race([allReported, sleep(options.capMs, undefined, { signal: cap.signal })]);
      } catch {
        // Read the acks now.
      } finally {
        cap.abort();
        tallies.delete(seq);
      }
    },
    peerWrote(seq) {
      const entry = tally(seq);
      entry.count++;
      entry.onReport?.();
    },
  };
}
