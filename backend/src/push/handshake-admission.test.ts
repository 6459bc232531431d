import { describe, expect, it } from 'vitest';
import { createHandshakeAdmission } from './handshake-admission.ts';

describe('handshake admission', () => {
  it('admits one second’s worth at once, then as many as the rate refills', () => {
    let clock = 0;
    const admission = createHandshakeAdmission(100, () => clock);
    const burst = Array.from({ length: 150 }, () => admission.admit());
    expect(burst.filter(Boolean)).toHaveLength(100);
    expect(burst.slice(100).some(Boolean)).toBe(false);
    clock += 50; // 5 tokens
    const next = Array.from({ length: 10 }, () => admission.admit());
    expect(next.filter(Boolean)).toHaveLength(5);
    clock += 60_000; // never more than one second's worth saved up
    expect(Array.from({ length: 150 }, () => admission.admit()).filter(Boolean)).toHaveLength(100);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createHandshakeAdmission(0)).toThrow(RangeError);
  });
});
