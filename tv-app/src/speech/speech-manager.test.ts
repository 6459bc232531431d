import { describe, expect, it } from 'vitest';
import { chooseSpeechEngine, type PlatformSpeech, type SpeechEngine } from './speech-engine.ts';
import { SpeechManager } from './speech-manager.ts';

function recordingEngine() {
  const log: string[] = [];
  const engine: SpeechEngine = {
    speak: (text) => void log.push(text),
    cancel: () => void log.push('<cancel>'),
  };
  return { engine, log };
}

describe('speech manager', () => {
  it('announces a screen, then each focus change interrupting the last', () => {
    const { engine, log } = recordingEngine();
    const spoken: string[] = [];
    const speech = new SpeechManager(engine, { onSpoken: (text) => spoken.push(text) });
    speech.screen('設定', '文字の大きさ：ふつう');
    speech.focus('画面の色：ふつう');
    expect(log).toEqual(['<cancel>', '設定', '文字の大きさ：ふつう', '<cancel>', '画面の色：ふつう']);
    expect(spoken).toEqual(['設定', '文字の大きさ：ふつう', '画面の色：ふつう']);
  });

  it('repeats the screen ending with the item focused now', () => {
    const { engine, log } = recordingEngine();
    const speech = new SpeechManager(engine);
    speech.screen('くらしの窓口', '1番 年金・保険の現況届');
    speech.focus('6番 設定');
    log.length = 0;
    speech.repeat();
    expect(log).toEqual(['<cancel>', 'くらしの窓口', '1番 年金・保険の現況届', '6番 設定']);
  });
});

describe('choosing the speech engine', () => {
  it("prefers the box's own text-to-speech, in Japanese", () => {
    const calls: unknown[] = [];
    const mynaTvSpeech: PlatformSpeech = {
      speak: (text, options) => void calls.push([text, options]),
      cancel: () => void calls.push('cancel'),
    };
    const engine = chooseSpeechEngine({ mynaTvSpeech });
    engine.speak('ホーム');
    engine.cancel();
    expect(calls).toEqual([['ホーム', { lang: 'ja-JP', rate: 0.9 }], 'cancel']);
  });

  it('uses speechSynthesis with a Japanese voice when the box has none of its own', () => {
    const spoken: SpeechSynthesisUtterance[] = [];
    const synth = {
      getVoices: () => [{ lang: 'en-US' }, { lang: 'ja-JP', name: 'Kyoko' }],
      speak: (u: SpeechSynthesisUtterance) => void spoken.push(u),
      cancel: () => {},
    } as unknown as SpeechSynthesis;
    class Utterance {
      lang = '';
      rate = 1;
      voice: unknown = null;
      constructor(readonly text: string) {}
    }
    chooseSpeechEngine({
      speechSynthesis: synth,
      SpeechSynthesisUtterance: Utterance as unknown as typeof SpeechSynthesisUtterance,
    }).speak('設定');
    expect(spoken).toMatchObject([{ text: '設定', lang: 'ja-JP', rate: 0.9, voice: { name: 'Kyoko' } }]);
  });

  it('stays silent where nothing can speak', () => {
    expect(() => chooseSpeechEngine({}).speak('x')).not.toThrow();
  });
});
