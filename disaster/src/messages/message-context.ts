// What every payload of one alert (and one issue-or-lift group of its infos) shares, read from the alert:
// targeting composes with it, and the backend again when it renders an alert on another node.
import type { Alert, AlertInfo, AlertLevel } from '../alerts/index.ts';
import type { AlertMessageContext } from './compose-payload.ts';

/** The highest 警戒レベル of the infos, null when none carries one. */
export function maxLevel(infos: readonly AlertInfo[]): AlertLevel | null {
  return infos.reduce<AlertLevel | null>(
    (max, info) => (info.level !== null && (max === null || info.level > max) ? info.level : max),
    null,
  );
}

/** `thread`: the caller's thread id (default: the alert's identifier, for a caller that tracks none). */
export function alertMessageContext(
  alert: Alert,
  kind: 'issue' | 'lift',
  options: { thread?: string } = {},
): AlertMessageContext {
  const infos = alert.infos.filter((info) => info.issueOrLift === kind);
  return {
    alert: {
      identifier: alert.identifier,
      sender: alert.sender,
      sent: alert.sent,
      expires: infos.find((i) => i.expires)?.expires ?? null,
    },
    thread: options.thread ?? alert.identifier,
    status: alert.status === 'Exercise' ? 'Exercise' : 'Actual',
    kind,
    level: maxLevel(infos),
    info: {
      ja: infos.find((info) => info.language.toLowerCase().startsWith('ja')) ?? infos[0] ?? null,
      en: infos.find((info) => info.language.toLowerCase().startsWith('en')) ?? null,
    },
  };
}
