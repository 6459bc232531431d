// Watch-over on the TV: the お変わりありませんか ask over every screen at the times the household chose, answered
// with the green button (any answer is activity; no answer simply adds to the quiet period), and the count of
// this page's own keyboard keys for the bridge (a count only; the HID remote's keys the bridge counts itself,
// so keys it relays here — untrusted synthetic events — are not counted twice). While the ask is on, App
// sends every key here; a disaster alert always goes first.
import { isAlertOpen } from '../alerts/alert-manager.ts';
import { bridge, type RemoteKey } from '../api/bridge-client.ts';
import { speech } from '../speech/speech.ts';
import { testHook } from '../test-hook.ts';
import { ja } from '../texts/ja.ts';
import { dueAskSlot } from './ask-schedule.ts';

export type AskPhase = 'closed' | 'ask' | 'thanks';

const SCHEDULE_REFRESH_MS = 10 * 60_000;
const CHECK_MS = 15_000;
const THANKS_MS = 8_000;
/** An unanswered ask goes away after this; nothing is sent (the quiet period goes on). */
const OPEN_MS = 30 * 60_000;
/** Keys are reported at most this often (one request for a burst of presses). */
const KEY_REPORT_MS = 5_000;
const maxKeysPerReport = 1000;
/** The slots asked, kept over a reload of the page so a slot is asked once. */
const askedStorageKey = 'myna-tv.watch-over.asked';

let askTimes: string[] = [];
let phase: AskPhase = 'closed';
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let keys = 0;
let keyTimer: ReturnType<typeof setTimeout> | undefined;
let sending = false;
const listeners = new Set<(phase: AskPhase) => void>();

/** Starts asking on the household's schedule (App, once). */
export function startWatchOver(): void {
  void refreshSchedule();
  setInterval(() => void refreshSchedule(), SCHEDULE_REFRESH_MS);
  setInterval(check, CHECK_MS);
}

/** The ask overlay follows the phase while it lives. */
export function onAskPhase(listener: (phase: AskPhase) => void): () => void {
  listeners.add(listener);
  listener(phase);
  return () => listeners.delete(listener);
}

export function isAskOpen(): boolean {
  return phase !== 'closed';
}

/** Every key while the ask is on. */
export function askInput(key: RemoteKey | undefined): void {
  if (phase === 'thanks') {
    if (key === 'ok' || key === 'back' || key === 'home') setPhase('closed');
    return;
  }
  if (key === 'green') void answer();
  else if (key === 'ok') speech.interrupt(ja.watchOver.spoken);
  else if (key === 'back' || key === 'home') setPhase('closed');
}

/** A key of this page's own keyboard: counted for the bridge (trusted events only). */
export function countKey(event: KeyboardEvent): void {
  if (!event.isTrusted || event.type !== 'keydown' || event.repeat) return;
  keys++;
  if (keyTimer === undefined) keyTimer = setTimeout(reportKeys, KEY_REPORT_MS);
}

function reportKeys(): void {
  const presses = Math.min(keys, maxKeysPerReport);
  keys = 0;
  keyTimer = undefined;
  if (presses > 0) void bridge().reportKeys(presses);
}

async function refreshSchedule(): Promise<void> {
  askTimes = await bridge().watchOverAskTimes();
  check();
}

function asked(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(askedStorageKey) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function check(): void {
  if (phase !== 'closed' || isAlertOpen()) return;
  const before = asked();
  const slot = dueAskSlot(askTimes, { now: new Date(), asked: before });
  if (slot === null) return;
  localStorage.setItem(askedStorageKey, JSON.stringify([...before, slot].slice(-16)));
  setPhase('ask');
  speech.interrupt(ja.watchOver.spoken);
}

async function answer(): Promise<void> {
  if (sending) return;
  sending = true;
  const ok = await bridge().answerWellbeing();
  sending = false;
  if (!ok) {
    speech.interrupt(ja.watchOver.notSent);
    return;
  }
  setPhase('thanks');
  speech.interrupt(ja.watchOver.thanks);
}

function setPhase(next: AskPhase): void {
  phase = next;
  clearTimeout(closeTimer);
  if (next === 'ask') closeTimer = setTimeout(() => setPhase('closed'), OPEN_MS);
  if (next === 'thanks') closeTimer = setTimeout(() => setPhase('closed'), THANKS_MS);
  for (const listener of [...listeners]) listener(next);
  testHook.overlay(next === 'closed' ? null : `watch-over-${next}`);
}
