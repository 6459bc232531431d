import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.ts';
import { type Theme, themeFor } from './tokens.ts';

// Every text colour of the theme on every background it is drawn on.
const pairs: [keyof Theme['color'], keyof Theme['color']][] = [
  ['text', 'background'],
  ['text', 'panel'],
  ['subtext', 'background'],
  ['subtext', 'panel'],
  ['focus', 'background'],
  ['focus', 'panel'],
  ['focusText', 'focus'],
  ['disabledText', 'panel'],
  ['warningText', 'warning'],
];

describe('theme contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  for (const highContrast of [false, true]) {
    it(`keeps every text at 7:1 or more (${highContrast ? 'high contrast' : 'standard'})`, () => {
      const { color } = themeFor({ textSize: 'normal', highContrast });
      for (const [text, background] of pairs) {
        expect(
          contrastRatio(color[text], color[background]),
          `${text} on ${background}`,
        ).toBeGreaterThanOrEqual(7);
      }
    });
  }

  it('draws no text under 48 px at the default size', () => {
    const { size } = themeFor({ textSize: 'normal', highContrast: false });
    expect(Math.min(...Object.values(size))).toBeGreaterThanOrEqual(48);
  });
});
