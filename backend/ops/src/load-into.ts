// Filling a section from a read of the operator API: busy while it runs, then the view or the reason it failed.
import { el, show } from './dom.ts';
import { OperatorApiError } from './operator-api.ts';

/** What a page says when a read failed: the backend's error code, or `network`. */
export const loadErrorText = (error: unknown) =>
  `読み込めませんでした（${error instanceof OperatorApiError ? error.code : 'error'}）。`;

/** What a page says when an action failed: what was tried, the backend's error code and its own message. */
export function failureText(what: string, error: unknown): string {
  if (!(error instanceof OperatorApiError)) return `${what}できませんでした（error）。`;
  return `${what}できませんでした（${error.code}${error.detail ? `: ${error.detail}` : ''}）。`;
}

/** Marks `body` busy, then shows `render(value)` or the failure in it. */
export function loadInto<T>(body: HTMLElement, read: Promise<T>, render: (value: T) => Node): void {
  body.setAttribute('aria-busy', 'true');
  read
    .then(
      (value) => show(body, render(value)),
      (error: unknown) => show(body, el('p', { class: 'error', role: 'alert' }, loadErrorText(error))),
    )
    .finally(() => body.removeAttribute('aria-busy'));
}
