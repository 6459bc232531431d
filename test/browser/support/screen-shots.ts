// The check the TV browser tests make of each screen they reach: its title spoken since `mark`, every text at
// 48 px or more and 7:1 (screen-audit.ts), and a screenshot kept in `dir` for a look by eye, numbered in the
// order taken.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { auditScreen } from './screen-audit.ts';
import { poll, tvState } from './tv-page.ts';

export interface ScreenShots {
  /** The screen on show: spoken since `mark`, 48 px and 7:1, and shot. */
  check(name: string, title: string, mark: number): Promise<void>;
  /** A screenshot only, of a screen already checked (a later page of it). */
  shoot(name: string): Promise<void>;
}

/** Shots of one test file's screens, on the page `page()` gives at the time. */
export function screenShots(dir: string, page: () => Page): ScreenShots {
  let shots = 0;
  const take = (name: string) => {
    shots += 1;
    return page().screenshot({ path: join(dir, `${String(shots).padStart(2, '0')}-${name}.png`) });
  };
  // Each waits for the text textures to be drawn first.
  return {
    async check(name, title, mark) {
      await poll(async () => (await tvState(page())).spoken.slice(mark)).toContain(title);
      await page().waitForTimeout(400);
      const audit = await auditScreen(page());
      expect(audit.failures, `text too small or too faint on ${name}`).toEqual([]);
      await take(name);
    },
    async shoot(name) {
      await page().waitForTimeout(400);
      await take(name);
    },
  };
}
