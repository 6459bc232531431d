// Builds the TV app with its own vite.config.ts: production into tv-app/dist (served at /tv/ by `npm start`),
// or the e2e flavour (renderer inspector and test hook on) into a folder of a test's own.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const tvAppDir = fileURLToPath(new URL('..', import.meta.url));

export async function buildTvApp(
  options: { mode?: 'production' | 'e2e'; outDir?: string } = {},
): Promise<void> {
  await build({
    root: tvAppDir,
    mode: options.mode ?? 'production',
    logLevel: 'warn',
    build: options.outDir ? { outDir: options.outDir, emptyOutDir: true } : {},
  });
}
