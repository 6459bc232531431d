// After a regional power cut every box of the region reconnects at once. Each handshake costs a credential
// check in the database, so a node admits at most `perSecond` of them (a token bucket holding one second's
// worth) and refuses the rest with `push.busy`; the boxes back off and try again.

/** A token bucket: `admit()` says whether one more handshake may go ahead now. */
export function createHandshakeAdmission(
  perSecond: number,
  now: () => number = () => performance.now(),
): { admit(): boolean } {
  if (!(perSecond > 0)) throw new RangeError('handshakes per second must be positive');
  let tokens = perSecond;
  let last = now();
  return {
    admit() {
      const at = now();
      tokens = Math.min(perSecond, tokens + ((at - last) * perSecond) / 1000);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
