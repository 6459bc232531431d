// Checks every text on the TV app's stage (the e2e build's `window.__MYNA_TV_TEXTS__`, read from the renderer's
// node tree): at least 48 px on the 1080 stage and at least 7:1 contrast against the colour under it.
import type { Page } from 'playwright-core';
import type { StageText } from '../../../tv-app/src/stage-text.ts';
import { contrastRatio } from '../../../tv-app/src/theme/contrast.ts';

export interface AuditResult {
  texts: number;
  smallest: number;
  lowestContrast: number;
  /** Texts under 48 px or under 7:1, described. */
  failures: string[];
}

/** The texts drawn on the stage now (hidden ones left out). */
export function stageTexts(page: Page): Promise<StageText[]> {
  return page.evaluate(() => {
    const read = (globalThis as unknown as { __MYNA_TV_TEXTS__?: () => StageText[] }).__MYNA_TV_TEXTS__;
    if (!read) throw new Error('the TV app text audit is missing (not the e2e build?)');
    return read();
  });
}

export async function auditScreen(page: Page): Promise<AuditResult> {
  const texts = await stageTexts(page);
  const failures: string[] = [];
  let smallest = Number.POSITIVE_INFINITY;
  let lowestContrast = Number.POSITIVE_INFINITY;
  for (const text of texts) {
    const ratio = contrastRatio(text.color, text.background);
    smallest = Math.min(smallest, text.fontSize);
    lowestContrast = Math.min(lowestContrast, ratio);
    if (text.fontSize < 48 || ratio < 7) {
      failures.push(
        `"${text.text.slice(0, 30)}" ${text.fontSize}px ${text.color} on ${text.background} = ${ratio.toFixed(2)}:1`,
      );
    }
  }
  return { texts: texts.length, smallest, lowestContrast, failures };
}
