import { describe, expect, it } from 'vitest';
import { parseCapacityText } from './capacity-text.ts';

describe('parseCapacityText', () => {
  it('reads plain numbers of people in the usual forms', () => {
    for (const [text, people] of [
      ['200', 200],
      ['200人', 200],
      ['約200人', 200],
      ['200名', 200],
      ['２００人程度', 200],
      ['1,371人', 1371],
      ['１，３７１ 名', 1371],
    ] as const) {
      expect(parseCapacityText(text), text).toEqual({ people, text });
    }
  });

  it('takes the indoor figure where indoor and outdoor are both given', () => {
    expect(parseCapacityText('屋内480人／屋外3,350人(面積の1/2)')?.people).toBe(480);
    expect(parseCapacityText('屋外3,350人(面積の1/2)')?.people).toBe(3350);
  });

  it('keeps text it cannot read as text, with no number', () => {
    expect(parseCapacityText('体育館のみ')).toEqual({ people: null, text: '体育館のみ' });
    expect(parseCapacityText('100〜200人')).toEqual({ people: null, text: '100〜200人' });
    expect(parseCapacityText('  ')).toBeUndefined();
  });
});
