// The disaster alerts over every screen: what the bridge lists at start (and whenever its event stream opens
// again, e.g. after a restart) and what it announces as it arrives. One alert is shown at a time (the highest
// level first, notices after), with the alarm and the text spoken; the colour buttons answer it, a short
// confirmation follows and the screen behind comes back. An alert stays until answered or expired; a lift or
// cancel notice closes with OK or by itself. While the overlay is on, App sends every key here.

import type { RemoteKey } from '../api/bridge-client.ts';
import { type AlertAnswer, type AlertView, bridge } from '../api/bridge-client.ts';
import { speech } from '../speech/speech.ts';
import { ui, updateUi } from '../state/ui-state.ts';
import { testHook } from '../test-hook.ts';
import { ja } from '../texts/ja.ts';
import { themeFor } from '../theme/tokens.ts';
import { playAlarm } from './alarm-sound.ts';
import { type AlertPhase, type AlertScreen, alertScreen, alertSpeech, answerOfKey } from './alert-view.ts';

/** How long the confirmation stays after an answer, and a notice when nobody closes it. */
const CONFIRMATION_MS = 10_000;
const NOTICE_MS = 30_000;

let queue: AlertView[] = [];
/** Answered or dismissed here: never shown again, even if an older list still names them. */
const done = new Set<number>();
/** Arrived by event while a list was being fetched: the list may predate them. */
let arrivedDuringFetch: AlertView[] | undefined;
let confirmation: { alert: AlertView; answer: AlertAnswer } | undefined;
let sending = false;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

const rank = (alert: AlertView) => (alert.kind === 'issue' ? (alert.level ?? 0) : -1);

function put(list: AlertView[], alert: AlertView): AlertView[] {
  const same = list.find((a) => a.thread === alert.thread);
  if (same && same.seq > alert.seq) return list;
  return [...list.filter((a) => a.thread !== alert.thread), alert].sort(
    (a, b) => rank(b) - rank(a) || a.seq - b.seq,
  );
}

/** Asks the bridge for what is to be shown now (start-up, event stream reopened). */
export async function refreshAlerts(): Promise<void> {
  arrivedDuringFetch = [];
  const list = await bridge().alerts();
  const arrived = arrivedDuringFetch;
  arrivedDuringFetch = undefined;
  if (list === null) return;
  let next: AlertView[] = [];
  for (const alert of [...list, ...arrived]) if (!done.has(alert.seq)) next = put(next, alert);
  queue = next;
  render();
}

/** An alert or notice announced by the bridge. */
export function receiveAlert(alert: AlertView): void {
  arrivedDuringFetch?.push(alert);
  if (done.has(alert.seq)) return;
  queue = put(queue, alert);
  render();
}

export function isAlertOpen(): boolean {
  return ui.alert !== null;
}

/** Every key while the overlay is on: nothing behind it moves. */
export function alertInput(key: RemoteKey | undefined): void {
  if (confirmation) {
    if (key === 'ok' || key === 'back') closeConfirmation();
    return;
  }
  const alert = queue[0];
  if (!alert) return;
  if (alert.kind !== 'issue') {
    if (key === 'ok' || key === 'back') dismiss(alert);
    return;
  }
  if (key === 'red' || key === 'green' || key === 'yellow' || key === 'blue')
    void answer(alert, answerOfKey[key]);
  else if (key === 'ok') speech.interrupt(...alertSpeech(alert, 'alert'));
}

async function answer(alert: AlertView, answer: AlertAnswer): Promise<void> {
  if (sending) return;
  sending = true;
  const ok = await bridge().answerAlert(alert.seq, answer);
  sending = false;
  if (!ok) {
    speech.interrupt(ja.alert.notSent);
    return;
  }
  done.add(alert.seq);
  queue = queue.filter((a) => a.seq !== alert.seq);
  confirmation = { alert, answer };
  show(alertScreen({ alert, phase: 'sent', answer }, themeFor(ui)));
  speech.interrupt(ja.alert.sent(ja.alert.answers[answer]), ja.alert.sentNote);
  clearTimeout(closeTimer);
  closeTimer = setTimeout(closeConfirmation, CONFIRMATION_MS);
}

function closeConfirmation(): void {
  clearTimeout(closeTimer);
  confirmation = undefined;
  render();
}

function dismiss(alert: AlertView): void {
  clearTimeout(closeTimer);
  done.add(alert.seq);
  queue = queue.filter((a) => a.seq !== alert.seq);
  render();
}

/** Shows the first alert of the queue (or closes the overlay), dropping what has expired. */
function render(): void {
  if (confirmation) return;
  const now = Date.now();
  queue = queue.filter((a) => a.expiresAt > now);
  clearTimeout(expiryTimer);
  if (queue.length > 0) {
    const soonest = Math.min(...queue.map((a) => a.expiresAt));
    expiryTimer = setTimeout(render, Math.min(soonest - now + 50, 2 ** 31 - 1));
  }
  const alert = queue[0];
  if (!alert) {
    if (ui.alert !== null) show(null);
    return;
  }
  const phase: AlertPhase = alert.kind === 'issue' ? 'alert' : 'notice';
  const screen = alertScreen({ alert, phase }, themeFor(ui));
  if (ui.alert?.id === screen.id) return;
  show(screen);
  if (phase === 'alert') playAlarm();
  speech.interrupt(...alertSpeech(alert, phase));
  if (!alert.shown) {
    void bridge()
      .alertShown(alert.seq)
      .then((ok) => {
        if (ok) alert.shown = true;
      });
  }
  if (phase === 'notice') {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => dismiss(alert), NOTICE_MS);
  }
}

function show(screen: AlertScreen | null): void {
  // Through null: Blits merges an object handed to its state into the previous one, and the overlay then
  // misses the change (the next alert, the confirmation).
  if (screen && ui.alert) updateUi({ alert: null });
  updateUi({ alert: screen });
  testHook.alert(
    screen && {
      id: screen.id,
      seq: screen.seq,
      phase: screen.phase,
      level: screen.level,
      color: screen.color,
      title: screen.title.replace(/\u200b/g, ''),
    },
  );
  testHook.overlay(screen ? 'alert' : ui.dialog || null);
}
