import { describe, expect, it } from 'vitest';
import { household, info } from '../targeting/targeting.test-support.ts';
import { createCancelComposer } from './cancel-payload.ts';
import { type AlertMessageContext, createPayloadComposer } from './compose-payload.ts';

const base: AlertMessageContext = {
  alert: { identifier: 'A-1', sender: 's', sent: '2026-11-24T10:00:00+09:00', expires: null },
  thread: 'thread-1',
  status: 'Actual',
  kind: 'issue',
  level: 2,
  info: { ja: null, en: null },
};
const facts = {
  household: household('h', 33.73, 134.53, { language: 'en' }),
  role: 'resident' as const,
  priority: false,
  assignment: null,
  supportedNames: [],
  alsoSupports: false,
};

describe('createPayloadComposer', () => {
  it('words levels 1 and 2 as the guideline does', () => {
    const two = createPayloadComposer(base)(facts);
    expect(two.ja.title).toBe('【警戒レベル2】大雨・洪水・高潮注意報');
    expect(two.ja.action).toBe('自らの避難行動を確認。避難先と道順を確かめてください。');
    expect(two.en?.title).toBe('[Level 2] Advisory');
    const one = createPayloadComposer({ ...base, level: 1 })(facts);
    expect(one.ja.title).toBe('【警戒レベル1】早期注意情報');
  });

  it('uses the headline and instruction of an alert without a level, per language', () => {
    const context: AlertMessageContext = {
      ...base,
      level: null,
      info: {
        ja: info([], { headline: '竜巻注意情報', instruction: '頑丈な建物に入ってください。' }),
        en: info([], {
          language: 'en',
          headline: 'Tornado warning',
          instruction: 'Go into a sturdy building.',
        }),
      },
    };
    const payload = createPayloadComposer(context)(facts);
    expect(payload.ja).toMatchObject({ title: '竜巻注意情報', action: '頑丈な建物に入ってください。' });
    expect(payload.en).toMatchObject({ title: 'Tornado warning', action: 'Go into a sturdy building.' });
    expect(payload.level).toBeNull();
  });

  it('says what to do when no place had room', () => {
    const payload = createPayloadComposer({ ...base, level: 4 })(facts);
    expect(payload.shelter).toBeNull();
    expect(payload.ja.place).toBe('受け入れできる避難先が見つかりません。市町村の案内に従ってください。');
  });

  it('carries the thread it is given', () => {
    expect(createPayloadComposer(base)(facts).thread).toBe('thread-1');
  });
});

describe('createCancelComposer', () => {
  const cancel = createCancelComposer({
    alert: { identifier: 'C-1', sender: 's', sent: '2026-11-24T11:00:00+09:00', expires: null },
    thread: 'thread-1',
    status: 'Exercise',
    level: 4,
    headline: null,
  });

  it('withdraws the thread in plain words, no place, 訓練 kept, English when asked', () => {
    const payload = cancel({ language: 'en', names: [], namesConsent: false });
    expect(payload).toMatchObject({ kind: 'cancel', thread: 'thread-1', shelter: null, level: 4 });
    expect(payload.ja.title).toBe('【訓練】【取り消し】避難指示');
    expect(payload.ja.action).toBe(
      '先ほどお知らせした避難指示は取り消されました。最新の情報に気をつけてください。',
    );
    expect(payload.ja.place).toBeNull();
    expect(payload.en?.title).toBe('[DRILL] [Cancelled] Evacuation order');
  });

  it('addresses by name only with consent, and shares the plain payload', () => {
    const plain = cancel({ language: 'ja', names: ['浜口'], namesConsent: false });
    expect(plain.ja.action.startsWith('浜口')).toBe(false);
    expect(cancel({ language: 'ja', names: [], namesConsent: false })).toBe(plain);
    expect(cancel({ language: 'ja', names: ['浜口'], namesConsent: true }).ja.action).toMatch(/^浜口さん、/);
    expect(plain.en).toBeUndefined();
  });
});
