// Build of the TV app. `vite build` → dist/ (production: no inspector), `vite build --mode e2e` → dist-e2e/
// (renderer inspector and the test hook on, for the browser tests). Served by the backend under /tv/.
import { fileURLToPath } from 'node:url';
import { blitsFileConverter, preCompiler, reactivityGuard } from '@lightningjs/blits/vite';
import { defineConfig } from 'vite';
import { udFont } from './build/ud-font-plugin.ts';

export default defineConfig(({ mode }) => ({
  base: '/tv/',
  // Blits' own MSDF generator is left out: all text is drawn with the shipped web font (Japanese needs it).
  plugins: [
    blitsFileConverter(),
    reactivityGuard(),
    preCompiler(),
    udFont({ srcDir: fileURLToPath(new URL('./src', import.meta.url)) }),
  ],
  resolve: { mainFields: ['browser', 'module', 'jsnext:main', 'jsnext'] },
  worker: { format: 'es' as const },
  // The renderer's inspector (DOM mirror for tests) only works when __DEV__ is true.
  define: { __DEV__: JSON.stringify(mode !== 'production') },
  build: { target: 'es2019', outDir: mode === 'e2e' ? 'dist-e2e' : 'dist', emptyOutDir: true },
}));
