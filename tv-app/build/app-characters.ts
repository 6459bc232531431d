// Which characters the TV app can show: every character written in its source (all its fixed texts live
// there), plus what text from the backend may hold (names, addresses, insurers' notices): ASCII, and JIS X
// 0208's non-kanji rows (kana, full-width digits and letters, punctuation, symbols) and its level-1 kanji
// (2,965: the common kanji of names and places). The font is subset to exactly these. Rarer (level-2) kanji
// in such text fall back to the box's own font, if it has one.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

/** The characters of JIS X 0208 rows `from`–`to` (EUC-JP bytes 0xA0 + row, 0xA0 + cell). */
export function jisRows(from: number, to: number): string {
  const decoder = new TextDecoder('euc-jp', { fatal: false });
  let chars = '';
  for (let row = from; row <= to; row++) {
    for (let cell = 1; cell <= 94; cell++) {
      const char = decoder.decode(Uint8Array.of(0xa0 + row, 0xa0 + cell));
      if (char !== '\ufffd') chars += char;
    }
  }
  return chars;
}

/** Always kept: printable ASCII, JIS X 0208's non-kanji rows 1–8 and its level-1 kanji (rows 16–47). */
export const baseCharacters = [range(0x20, 0x7e), jisRows(1, 8), jisRows(16, 47), '〜'].join('');

/** The distinct visible characters of the given texts and the base set, in code point order. */
export function appCharacters(texts: readonly string[]): string {
  const chars = new Set<string>(baseCharacters);
  for (const text of texts) for (const char of text) if (char >= ' ') chars.add(char);
  return [...chars].sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0)).join('');
}

/** The text of every `.ts` file under `dir` (tests excluded: they are not shown). */
export async function readSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}
