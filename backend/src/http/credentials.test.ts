import { describe, expect, it } from 'vitest';
import { parseCredentials } from './credentials.ts';

const parse = (authorization?: string, residentSession?: string) =>
  parseCredentials({ authorization, residentSession });
const token = 'a'.repeat(43);

describe('parseCredentials', () => {
  it('reads the three schemes, case-insensitively', () => {
    expect(parse(`Bearer ${token}`)).toEqual({ scheme: 'bearer', token });
    expect(parse(`basic ${Buffer.from('client-id:se:cret').toString('base64')}`)).toEqual({
      scheme: 'basic',
      clientId: 'client-id',
      secret: 'se:cret',
    });
    expect(parse(`Device dev-1.${token}`)).toEqual({
      scheme: 'device',
      deviceId: 'dev-1',
      secret: token,
      residentSession: null,
    });
    expect(parse(`Device dev-1.${token}`, token)).toMatchObject({ residentSession: token });
  });

  it('refuses missing, unknown, malformed and oversized credentials', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Token ${token}`,
      'Bearer short',
      'Device nodot',
      'Basic bm9jb2xvbg==',
      `Bearer ${'a'.repeat(600)}`,
    ]) {
      expect(parse(header)).toBeNull();
    }
    expect(parse(`Device dev-1.${token}`, 'bad token!')).toBeNull();
  });
});
