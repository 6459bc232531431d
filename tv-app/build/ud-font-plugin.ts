// Vite plugin: ships BIZ UDPGothic Bold (a Universal Design font, OFL) subset to the characters the app uses,
// so the TV shows the same glyphs on every box without any system font. `import fontUrl from 'virtual:ud-font'`
// gives the font's URL: an emitted asset in a build (with the OFL text beside it), a data URL in dev.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';
import { appCharacters, readSources } from './app-characters.ts';
import { makeOnce } from './make-once.ts';

const virtualId = 'virtual:ud-font';
const resolvedId = `\0${virtualId}`;
const require = createRequire(import.meta.url);
const fontPackage = '@expo-google-fonts/biz-udpgothic';

// Subsetting some 3,600 glyphs and compressing them takes tens of seconds: each result is kept under the hash
// of the font and the characters, so a build whose texts did not change reuses it.
const cacheDir = join(
  require.resolve(`${fontPackage}/package.json`),
  '..',
  '..',
  '..',
  '.cache',
  'myna-tv-ud-font',
);

/** The app's characters as a WOFF2 subset of BIZ UDPGothic Bold. */
export async function buildUdFont(srcDir: string): Promise<{ woff2: Uint8Array; characters: string }> {
  const characters = appCharacters(await readSources(srcDir));
  const ttf = await readFile(require.resolve(`${fontPackage}/700Bold/BIZUDPGothic_700Bold.ttf`));
  const key = createHash('sha256').update(ttf).update(characters).digest('hex').slice(0, 32);
  const cached = join(cacheDir, `${key}.woff2`);
  await mkdir(cacheDir, { recursive: true });
  // Several builds start at once (parallel test files, npm start): one subsets, the others wait for its file.
  await makeOnce(cached, async (partial) =>
    writeFile(partial, await subsetFont(ttf, characters, { targetFormat: 'woff2' })),
  );
  const woff2 = new Uint8Array(await readFile(cached));
  return { woff2, characters };
}

export function udFont(options: { srcDir: string }): Plugin {
  let command: 'build' | 'serve' = 'build';
  return {
    name: 'myna-tv:ud-font',
    configResolved(config) {
      command = config.command;
    },
    resolveId: (id) => (id === virtualId ? resolvedId : null),
    async load(id) {
      if (id !== resolvedId) return null;
      const { woff2 } = await buildUdFont(options.srcDir);
      if (command === 'serve') {
        return `export default 'data:font/woff2;base64,${Buffer.from(woff2).toString('base64')}';`;
      }
      const ref = this.emitFile({ type: 'asset', name: 'biz-udpgothic-bold.woff2', source: woff2 });
      this.emitFile({
        type: 'asset',
        fileName: 'fonts/OFL-BIZ-UDPGothic.txt',
        source: await readFile(require.resolve(`${fontPackage}/LICENSE_FONT`)),
      });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
