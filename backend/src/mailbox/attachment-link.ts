// A notice's attachment is a link to a document on the sender's server, never the document itself: the
// mailbox stores the title and the URL. Only https (the TV or the resident's phone opens it), without
// credentials in the URL (they would be shown to the resident and kept in the mailbox).
import { type NoticeAttachment, noticeLimits } from './contracts.ts';
import { MailboxError } from './mailbox-error.ts';
import { plainTextProblem } from './plain-text.ts';

const refused = (message: string) => new MailboxError('notice.attachment-invalid', `attachment ${message}`);

/** The attachment with its URL normalised; throws notice.attachment-invalid. */
export function checkAttachment(attachment: NoticeAttachment): NoticeAttachment {
  const titleProblem = plainTextProblem(attachment.title, noticeLimits.attachmentTitle);
  if (titleProblem !== undefined) throw refused(`title ${titleProblem}`);
  if (attachment.url.length > noticeLimits.attachmentUrl)
    throw refused(`url must be at most ${noticeLimits.attachmentUrl} characters`);
  let url: URL;
  try {
    url = new URL(attachment.url);
  } catch {
    throw refused('url is not a URL');
  }
  if (url.protocol !== 'https:') throw refused(`url must be https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username !== '' || url.password !== '') throw refused('url must not hold a user name or password');
  return { url: url.href, title: attachment.title };
}
