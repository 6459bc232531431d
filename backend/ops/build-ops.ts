// Builds the operations dashboard into a folder the backend serves at /ops/ (OPS_APP_DIR): the TypeScript in
// src/ bundled by esbuild into app.js (the map library, Leaflet, inside it), Leaflet's stylesheet into
// map.css (its images inlined: nothing is loaded from elsewhere), next to index.html and styles.css. Takes well under a second, so
// `npm start` builds it on every start.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const opsDir = fileURLToPath(new URL('.', import.meta.url));

/** backend/ops/dist/ (ignored by git). */
export const defaultOpsDistDir = join(opsDir, 'dist');

export async function buildOpsDashboard(options: { outDir?: string } = {}): Promise<string> {
  const outDir = options.outDir ?? defaultOpsDistDir;
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(opsDir, 'src', 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'silent',
  });
  await build({
    entryPoints: [createRequire(import.meta.url).resolve('leaflet/dist/leaflet.css')],
    outfile: join(outDir, 'map.css'),
    bundle: true,
    minify: true,
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
  });
  await Promise.all(
    ['index.html', 'styles.css'].map((file) => copyFile(join(opsDir, file), join(outDir, file))),
  );
  return outDir;
}
