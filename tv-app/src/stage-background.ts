// The screens' background is the renderer's clear colour, not a node: the renderer draws every node that has a
// size in every frame, and a full-screen one is the dearest draw of the frame with software WebGL.
import { type DisplaySettings, themeFor } from './theme/tokens.ts';

/** The renderer's stage (Lightning renderer 2.x `Stage`), as far as the background needs it. */
export interface ClearedStage {
  setClearColor(color: number): void;
}

/** The background colour of the display settings, as Blits' `canvasColor` takes it (`#rrggbb`). */
export function backgroundOf(settings: DisplaySettings): string {
  return themeFor(settings).color.background;
}

/** Clears the stage to the background of the display settings from the next frame on. */
export function paintBackground(stage: ClearedStage, settings: DisplaySettings): void {
  // 0xRRGGBBAA, opaque.
  stage.setClearColor((Number.parseInt(backgroundOf(settings).slice(1), 16) * 0x100 + 0xff) >>> 0);
}
