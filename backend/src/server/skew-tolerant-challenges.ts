// Clock skew between backend nodes: a box may fetch its challenge from one node and answer on another. The
// issuing node writes the expiry by its own clock; the answering node compares it with its own. The rule: a
// challenge is accepted until its expiry plus the tolerance. So a challenge from a node whose clock is behind
// by up to the tolerance still gets its whole lifetime; one from a node ahead lives at most that much longer.
// The tolerance is added when the challenge is saved, so the stored expiry is the instant it stops being
// accepted: resident login redeems the challenge inside its one SQL statement by comparing with that alone.
// Replays stay impossible whatever the clocks say: `consume` marks a challenge used exactly once.
import type { ChallengeStore } from '../jpki/index.ts';

export function tolerateClockSkew(store: ChallengeStore, toleranceMs: number): ChallengeStore {
  return {
    save: (record) =>
      store.save({ ...record, expiresAt: new Date(record.expiresAt.getTime() + toleranceMs) }),
    consume: (challenge) => store.consume(challenge),
    // The stored expiry already holds the tolerance, so a challenge is never purged while it could still be
    // accepted.
    purgeExpired: (before) => store.purgeExpired(before),
  };
}
