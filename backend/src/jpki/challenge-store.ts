// Where issued login challenges live until used or expired. One interface, several stores: in-memory now,
// PostgreSQL later; both must make `consume` atomic so a challenge is accepted once even under races.

export interface StoredChallenge {
  /** base64url, as handed to the device; the key. */
  challenge: string;
  deviceId: string;
  expiresAt: Date;
}

export interface ChallengeStore {
  save(record: StoredChallenge): Promise<void>;
  /**
   * Marks the challenge used and returns it with whether it had been used before; undefined when it was never
   * issued or has been purged.
   */
  consume(challenge: string): Promise<{ record: StoredChallenge; alreadyUsed: boolean } | undefined>;
  /** Forgets challenges that expired before `before`; returns how many. */
  purgeExpired(before: Date): Promise<number>;
}
