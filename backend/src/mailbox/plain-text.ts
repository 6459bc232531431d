// Notice texts are plain text: the TV renders them as text and reads them aloud, so markup would show as
// noise (or, in a later HTML view, run). Refused rather than stripped or escaped, so the sender learns of it and
// what the resident reads is exactly what was sent.
import { MailboxError, type MailboxErrorCode } from './mailbox-error.ts';

/** A tag-like `<x`, `</`, `<!`, `<?` or an HTML character reference. */
const markup = /<[A-Za-z/!?]|&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);/;
/** Control characters other than line feed and tab. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

interface Fault {
  code: MailboxErrorCode;
  message: string;
}

function faultOf(text: string, max: number): Fault | undefined {
  const length = [...text].length;
  if (text.trim() === '') return { code: 'notice.invalid', message: 'must not be empty' };
  if (length > max)
    return { code: 'notice.too-large', message: `must be at most ${max} characters (is ${length})` };
  if (markup.test(text)) return { code: 'notice.not-plain-text', message: 'must be plain text (no markup)' };
  if (control.test(text.replace(/\r\n/g, '\n')))
    return { code: 'notice.not-plain-text', message: 'must not contain control characters' };
  return undefined;
}

/** Problem with `text` as a notice field of at most `max` characters, or undefined when it is fine. */
export function plainTextProblem(text: string, max: number): string | undefined {
  return faultOf(text, max)?.message;
}

/** The text with CRLF as LF; throws notice.invalid, notice.too-large or notice.not-plain-text. */
export function checkPlainText(field: string, text: string, max: number): string {
  const fault = faultOf(text, max);
  if (fault !== undefined) throw new MailboxError(fault.code, `${field} ${fault.message}`);
  return text.replace(/\r\n/g, '\n');
}
