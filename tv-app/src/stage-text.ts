// What the e2e build's text audit (`window.__MYNA_TV_TEXTS__`, test-hook.ts) reports for each visible text; the
// browser tests import this type. No DOM here, so the test project can import it.

/** A text drawn on the stage: what it says, its size, and its colour and the colour it is drawn on. */
export interface StageText {
  text: string;
  fontSize: number;
  /** `#rrggbb` */
  color: string;
  /** `#rrggbb` of the last painted opaque rectangle under the text's centre, or else of the stage's clear colour. */
  background: string;
  x: number;
  y: number;
}
