// The app's one speech manager, on the engine chooseSpeechEngine picks for this box.
import { testHook } from '../test-hook.ts';
import { chooseSpeechEngine, type PlatformSpeech } from './speech-engine.ts';
import { SpeechManager } from './speech-manager.ts';

declare global {
  interface Window {
    /** A box's own text-to-speech, injected before the app loads (see speech-engine.ts). */
    mynaTvSpeech?: PlatformSpeech;
  }
}

export const speech = new SpeechManager(chooseSpeechEngine(window), { onSpoken: testHook.spoken });
