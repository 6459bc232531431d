// Which characters the TV app can show: every character written in its source (all its fixed texts live
// there), plus the ones it composes at run time (ASCII for digits and the keyboard, the kana and the
// punctuation of Japanese sentences). The font is subset to exactly these.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

/** Always kept: printable ASCII, hiragana, katakana, and the Japanese punctuation and symbols of sentences. */
export const baseCharacters = [
  range(0x20, 0x7e),
  range(0x3041, 0x3096),
  range(0x30a1, 0x30fc),
  '　、。・「」『』（）？！：〜…●○',
].join('');

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
