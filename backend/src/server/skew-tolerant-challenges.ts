// Clock skew between backend nodes: a box may fetch its challenge from one node and answer on another. The
// issuing node writes the expiry by its own clock; the answering node compares it with its own. The rule: a
// challenge is accepted until its expiry plus the tolerance. So a challenge from a node whose clock is behind
// by up to the tolerance still gets its whole lifetime; one from a node ahead lives at most that much longer.
// Replays stay impossible whatever the clocks say: `consume` marks a challenge used exactly once.
import type { ChallengeStore } from '../jpki/index.ts';

export function tolerateClockSkew(store: ChallengeStore, toleranceMs: number): ChallengeStore {
  return {
    save: (record) => store.save(record),
    async consume(challenge) {
      const taken = await store.consume(challenge);
      if (taken === undefined) return undefined;
      const expiresAt = new Date(taken.record.expiresAt.getTime() + toleranceMs);
      return { record: { ...taken.record, expiresAt }, alreadyUsed: taken.alreadyUsed };
    },
    // Purging keeps the tolerance too, so a challenge is never purged while it could still be accepted.
    purgeExpired: (before) => store.purgeExpired(new Date(before.getTime() - toleranceMs)),
  };
}
