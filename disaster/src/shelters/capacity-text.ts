// 想定収容人数 as municipalities publish it: free text. Read a number of people only where the text leaves no
// doubt ("200", "200人", "約200名", "２００人程度"); otherwise keep the text and no number, so nothing is
// assumed. Where indoor and outdoor are both given ("屋内480人／屋外3,350人(面積の1/2)", 七尾市), the indoor
// figure counts: people sent by an alert stay under a roof; the outdoor figure is a yard in the rain.
import type { Capacity } from './shelter-schema.ts';

const toHalfWidth = (text: string) =>
  text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[，、]/g, ',')
    .replace(/\s+/g, ' ')
    .trim();

const count = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
const plain = new RegExp(`^(?:約|およそ|最大)? ?${count} ?(?:人|名)? ?(?:程度)?$`);
const indoor = new RegExp(`屋内 ?(?:約)? ?${count} ?(?:人|名)`);
const outdoorOnly = new RegExp(`^屋外 ?(?:約)? ?${count} ?(?:人|名)`);

const toNumber = (digits: string) => Number(digits.replaceAll(',', ''));

/** The capacity of a published text, or undefined for an empty one. */
export function parseCapacityText(text: string): Capacity | undefined {
  const trimmed = text.trim().slice(0, 200);
  if (trimmed === '') return undefined;
  const normal = toHalfWidth(trimmed);
  const match = plain.exec(normal) ?? indoor.exec(normal) ?? outdoorOnly.exec(normal);
  const people = match?.[1] === undefined ? null : toNumber(match[1]);
  return { people: people !== null && Number.isSafeInteger(people) ? people : null, text: trimmed };
}
