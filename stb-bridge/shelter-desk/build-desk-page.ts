// Builds the shelter staff page in memory when the terminal starts: src/main.ts bundled by esbuild (well under
// a second), beside index.html and styles.css. The bridge serves the files at /shelter/desk/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pageDir = fileURLToPath(new URL('.', import.meta.url));

export interface PageFile {
  type: string;
  body: Uint8Array;
}

export async function buildDeskPage(): Promise<ReadonlyMap<string, PageFile>> {
  const bundle = await build({
    entryPoints: [join(pageDir, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const [html, css] = await Promise.all([
    readFile(join(pageDir, 'index.html')),
    readFile(join(pageDir, 'styles.css')),
  ]);
  return new Map([
    ['index.html', { type: 'text/html; charset=utf-8', body: html }],
    ['styles.css', { type: 'text/css; charset=utf-8', body: css }],
    [
      'app.js',
      {
        type: 'text/javascript; charset=utf-8',
        body: (bundle.outputFiles[0] as { contents: Uint8Array }).contents,
      },
    ],
  ]);
}
