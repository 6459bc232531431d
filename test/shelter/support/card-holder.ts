// Card holders as a terminal reports them after a tap (tests that need no real card).

/** The user-auth certificate of card holder `n`, as the terminal reports it (tests need no real card). */
export const cardHolder = (n: number) => ({
  kind: 'card' as const,
  certificateFingerprint: n.toString(16).padStart(64, '0'),
  certificateNotAfter: '2030-01-01T00:00:00.000Z',
  check: 'valid' as const,
  crlAgeSeconds: 600,
  pinVerified: false,
});
