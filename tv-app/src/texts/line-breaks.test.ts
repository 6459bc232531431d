import { describe, expect, it } from 'vitest';
import { breakable } from './line-breaks.ts';

const shown = (text: string) => breakable(text).replaceAll('\u200b', '|');

describe('Japanese line-break opportunities', () => {
  it('allows a break between characters, never before closing punctuation or after an opening bracket', () => {
    expect(shown('暗証番号（数字4けた）を、入力')).toBe('暗|証|番|号|（数|字|4|け|た）|を、|入|力');
  });

  it('keeps Latin letters and digits together, and small kana with the kana before', () => {
    expect(shown('ABC123のカード')).toBe('ABC123|の|カー|ド');
    expect(shown('ちょっと')).toBe('ちょっ|と');
  });

  it('changes nothing but adding zero-width spaces', () => {
    const text = '「年金・保険の現況届」は、まだ使えません。';
    expect(breakable(text).replaceAll('\u200b', '')).toBe(text);
  });
});
