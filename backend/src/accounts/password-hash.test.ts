import { describe, expect, it } from 'vitest';
import { AccountError } from './account-error.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password-hash.ts';

// Cheap parameters keep the suite fast; the defaults are exercised by every login test through the app.
const cheap = { ln: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt parameters and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery', cheap);
    const b = await hashPassword('correct horse battery', cheap);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  });

  it('uses the parameters stored with the hash, so older costs still verify', async () => {
    const stored = await hashPassword('another long password', { ln: 11, r: 4, p: 2 });
    expect(stored.startsWith('$scrypt$ln=11,r=4,p=2$')).toBe(true);
    expect(await verifyPassword('another long password', stored)).toBe(true);
  });

  it('never matches a malformed hash', async () => {
    expect(await verifyPassword('whatever password', 'plain-text')).toBe(false);
    expect(await verifyPassword('whatever password', '$scrypt$ln=10,r=8,p=1$AAAA$')).toBe(false);
  });

  it('enforces 12 to 128 characters', () => {
    expect(() => checkPasswordPolicy('short')).toThrow(AccountError);
    expect(() => checkPasswordPolicy('x'.repeat(129))).toThrow(AccountError);
    expect(() => checkPasswordPolicy('ちょうどいい長さのパスワードです')).not.toThrow();
  });
});
