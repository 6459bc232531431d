// Spoken guidance: every screen says what it is, then what has focus; moving the focus says the new item at
// once (cutting off the rest). `repeat()` (a colour button) says the screen again. Callers never pass a PIN
// or password here: the pages speak how many characters were entered, never which.
import type { SpeechEngine } from './speech-engine.ts';

export interface SpeechManagerOptions {
  /** Told every text as it is queued (the e2e test hook records them). */
  onSpoken?: (text: string) => void;
}

export class SpeechManager {
  private readonly engine: SpeechEngine;
  private readonly onSpoken: ((text: string) => void) | undefined;
  private screenTexts: string[] = [];
  private focusText: string | undefined;

  constructor(engine: SpeechEngine, options: SpeechManagerOptions = {}) {
    this.engine = engine;
    this.onSpoken = options.onSpoken;
  }

  /** Announces a screen: its name, then each detail (the last usually the focused item). */
  screen(title: string, ...details: string[]): void {
    this.screenTexts = [title, ...details].filter((text) => text !== '');
    this.focusText = undefined;
    this.engine.cancel();
    for (const text of this.screenTexts) this.queue(text);
  }

  /** Announces the item that just got focus, interrupting whatever is being said. */
  focus(text: string): void {
    this.focusText = text;
    this.engine.cancel();
    this.queue(text);
  }

  /** Says something after what is being said (a result, a hint). */
  say(text: string): void {
    this.queue(text);
  }

  /** Cuts in with something urgent (a disaster alert), leaving what the screen says on repeat unchanged. */
  interrupt(...texts: string[]): void {
    this.engine.cancel();
    for (const text of texts) this.queue(text);
  }

  /** Says the current screen again, ending with the item that has focus now. */
  repeat(): void {
    this.engine.cancel();
    for (const text of this.screenTexts) this.queue(text);
    if (this.focusText !== undefined) this.queue(this.focusText);
  }

  private queue(text: string): void {
    this.engine.speak(text);
    this.onSpoken?.(text);
  }
}
