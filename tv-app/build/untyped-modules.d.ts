// Types for the few JavaScript-only modules the TV app's build and code use: only what we call.

declare module 'subset-font' {
  export interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
  }
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: SubsetFontOptions,
  ): Promise<Buffer>;
}

declare module '@lightningjs/blits/vite' {
  import type { Plugin } from 'vite';
  export function blitsFileConverter(): Plugin;
  export function reactivityGuard(): Plugin;
  export function preCompiler(): Plugin;
}

declare module '@lightningjs/blits/plugins' {
  /** The global reactive store: `appState.plugin(initial)` returns the reactive object. */
  export const appState: { name: string; plugin<T extends object>(state: T): T };
}

declare module '@lightningjs/blits/symbols' {
  /** Blits' internal property keys of a component (`wrapper`: its root element, whose `node` is the renderer's). */
  const symbols: Record<string, symbol>;
  export default symbols;
}
