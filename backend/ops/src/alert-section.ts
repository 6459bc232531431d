// The 避難情報 section's pages by hash: `#/alerts` the list, `#/alerts/new` the compose form,
// `#/alerts/<id>` one alert.
import { listAlerts } from './alert-api.ts';
import { composeView } from './alert-compose-view.ts';
import { alertDetailView } from './alert-detail-view.ts';
import { alertListView } from './alert-list-view.ts';
import { el } from './dom.ts';
import { loadInto } from './load-into.ts';

export function alertSection(options: {
  token: string;
  localGovernmentCode: string | null;
  /** What follows `#/alerts/` in the hash ('' for the list). */
  path: string;
}): HTMLElement {
  if (options.path === 'new') return composeView(options);
  if (options.path !== '') return alertDetailView(options.token, options.path);
  const body = el('div', { 'aria-busy': 'true' }, '読み込んでいます…');
  loadInto(body, listAlerts(options.token), alertListView);
  return body;
}
