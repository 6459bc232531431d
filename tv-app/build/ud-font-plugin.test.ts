import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appCharacters } from './app-characters.ts';
import { buildUdFont } from './ud-font-plugin.ts';

describe('app characters', () => {
  it('collects every visible character once, with the base set, in code point order', () => {
    const chars = appCharacters(['避難情報\n', '情報']);
    expect(chars).toContain('避');
    expect(chars).toContain('A');
    expect(chars).toContain('●');
    expect(chars).not.toContain('\n');
    expect(new Set(chars).size).toBe([...chars].length);
  });
});

describe('UD font subset', () => {
  it("subsets BIZ UDPGothic to the app's characters as a small WOFF2", async () => {
    const { woff2, characters } = await buildUdFont(fileURLToPath(new URL('../src', import.meta.url)));
    expect(new TextDecoder().decode(woff2.subarray(0, 4))).toBe('wOF2');
    for (const char of 'くらしの窓口暗証番号準備中●') expect(characters).toContain(char);
    expect(woff2.byteLength).toBeLessThan(400_000);
  });
});
