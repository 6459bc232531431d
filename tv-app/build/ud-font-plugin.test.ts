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

  it('keeps what runtime text from the backend holds: kana, full-width digits, level-1 kanji', () => {
    const chars = appCharacters([]);
    for (const char of '徳島県海部郡美波町奥河内字寺前１２３番地田中花子佐藤結衣鈴木一郎轟ヴ〒') {
      expect(chars).toContain(char);
    }
    expect([...chars].length).toBeGreaterThan(95 + 524 + 2965 - 1);
  });
});

describe('UD font subset', () => {
  // Subsetting takes tens of seconds on a busy machine when the result is not cached yet.
  it("subsets BIZ UDPGothic to the app's characters as a WOFF2 of under a megabyte", {
    timeout: 240_000,
  }, async () => {
    const { woff2, characters } = await buildUdFont(fileURLToPath(new URL('../src', import.meta.url)));
    expect(new TextDecoder().decode(woff2.subarray(0, 4))).toBe('wOF2');
    for (const char of 'くらしの窓口暗証番号準備中●') expect(characters).toContain(char);
    expect(woff2.byteLength).toBeLessThan(1_000_000);
  });
});
