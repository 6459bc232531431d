// What every screen does when it appears and when its focus moves: say it aloud and report it to the test
// hook, in one call, so the two never disagree.
import { speech } from '../speech/speech.ts';
import { testHook } from '../test-hook.ts';

export interface ScreenAnnouncement {
  /** What the screen is. */
  title: string;
  /** Said after the title (a situation, how many tries are left). */
  details?: string[];
  /** The focused item, said last. */
  focus?: string;
}

export function announceScreen(announcement: ScreenAnnouncement): void {
  const { title, details = [], focus } = announcement;
  speech.screen(title, ...details, ...(focus === undefined ? [] : [focus]));
  testHook.screen(title, focus ?? null);
}

export function announceFocus(label: string): void {
  speech.focus(label);
  testHook.focus(label);
}
