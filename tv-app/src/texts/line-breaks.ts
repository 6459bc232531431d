// Where a Japanese line may wrap. The renderer wraps only at spaces and zero-width spaces, and Japanese has
// no spaces (a long sentence is cut off instead), so a zero-width space goes between characters, except
// where Japanese typesetting forbids a break: before closing punctuation and small kana, after opening
// brackets, and inside runs of Latin letters and digits. Only for display: speech gets the plain text.

const ZERO_WIDTH_SPACE = '\u200b';
const noBreakBefore = new Set(
  '、。，．・：；？！ー―…）」』】〕ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々',
);
const noBreakAfter = new Set('（「『【〔');
const latin = /[0-9A-Za-z]/;

export function breakable(text: string): string {
  const chars = [...text];
  let out = '';
  chars.forEach((char, i) => {
    const next = chars[i + 1];
    out += char;
    if (next === undefined || char === ' ' || next === ' ') return;
    if (noBreakBefore.has(next) || noBreakAfter.has(char)) return;
    if (latin.test(char) && latin.test(next)) return;
    out += ZERO_WIDTH_SPACE;
  });
  return out;
}
