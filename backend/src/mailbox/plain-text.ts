// Notice texts are plain text: the TV renders them as text and reads them aloud, so markup would show as
// noise (or, in a later HTML view, run). Refused rather than stripped, so the sender learns of it.
import { MailboxError } from './mailbox-error.ts';

/** A tag-like `<x`, `</`, `<!`, `<?` or an HTML character reference. */
const markup = /<[A-Za-z/!?]|&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);/;
/** Control characters other than line feed and tab. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Problem with `text` as a notice field of at most `max` characters, or undefined when it is fine. */
export function plainTextProblem(text: string, max: number): string | undefined {
  const length = [...text].length;
  if (text.trim() === '') return 'must not be empty';
  if (length > max) return `must be at most ${max} characters (is ${length})`;
  if (markup.test(text)) return 'must be plain text (no markup)';
  if (control.test(text.replace(/\r\n/g, '\n'))) return 'must not contain control characters';
  return undefined;
}

export function checkPlainText(field: string, text: string, max: number): string {
  const problem = plainTextProblem(text, max);
  if (problem !== undefined) throw new MailboxError('notice.invalid', `${field} ${problem}`);
  return text.replace(/\r\n/g, '\n');
}
