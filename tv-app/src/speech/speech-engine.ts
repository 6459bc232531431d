// Where spoken guidance goes. The browser's speechSynthesis is the default; a box whose browser has no usable
// Japanese voice (RDK and similar) injects its own text-to-speech as `window.mynaTvSpeech` before the app
// loads, and `chooseSpeechEngine` (the one place that picks) prefers it.

export interface SpeechEngine {
  /** Queues one utterance after those already queued. */
  speak(text: string): void;
  /** Drops what is queued and stops what is being said. */
  cancel(): void;
}

/** The interface a box's own text-to-speech offers to the app. */
export interface PlatformSpeech {
  speak(text: string, options: { lang: string; rate: number }): void;
  cancel(): void;
}

export const SPEECH_LANG = 'ja-JP';
/** A little slower than the default: the viewers are mostly elderly. */
export const SPEECH_RATE = 0.9;

export function webSpeechEngine(
  synth: SpeechSynthesis,
  Utterance: typeof SpeechSynthesisUtterance,
): SpeechEngine {
  return {
    speak(text) {
      const utterance = new Utterance(text);
      utterance.lang = SPEECH_LANG;
      utterance.rate = SPEECH_RATE;
      const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith('ja'));
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    },
    cancel: () => synth.cancel(),
  };
}

export function platformSpeechEngine(platform: PlatformSpeech): SpeechEngine {
  return {
    speak: (text) => platform.speak(text, { lang: SPEECH_LANG, rate: SPEECH_RATE }),
    cancel: () => platform.cancel(),
  };
}

export const silentSpeechEngine: SpeechEngine = { speak() {}, cancel() {} };

interface SpeechHost {
  mynaTvSpeech?: PlatformSpeech;
  speechSynthesis?: SpeechSynthesis;
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
}

export function chooseSpeechEngine(host: SpeechHost): SpeechEngine {
  if (host.mynaTvSpeech) return platformSpeechEngine(host.mynaTvSpeech);
  if (host.speechSynthesis && host.SpeechSynthesisUtterance) {
    return webSpeechEngine(host.speechSynthesis, host.SpeechSynthesisUtterance);
  }
  return silentSpeechEngine;
}
