// The modal dialog over any screen (a warning before the last PIN try, "not ready yet"): open it with
// choices and await which one the viewer took (null: dismissed with Back, Home or idle). While it is open,
// App sends every key here, so nothing behind it moves.
import type { RemoteKey } from '@myna-tv/stb-bridge/contracts';
import { speech } from '../speech/speech.ts';
import { ui, updateUi } from '../state/ui-state.ts';
import { testHook } from '../test-hook.ts';
import { announceFocus, announceScreen } from './screen-announcer.ts';

export interface DialogSpec {
  /** Names the dialog for the test hook. */
  id: string;
  title: string;
  body: string;
  choices: string[];
  /** Index of the choice focused first (default 0). */
  focus?: number;
}

let settle: ((choice: number | null) => void) | undefined;

export function openDialog(spec: DialogSpec): Promise<number | null> {
  closeDialog(null);
  const focus = spec.focus ?? 0;
  updateUi({
    dialog: spec.id,
    dialogTitle: spec.title,
    dialogBody: spec.body,
    dialogChoices: spec.choices,
    dialogFocus: focus,
  });
  testHook.overlay(spec.id);
  announceScreen({ title: spec.title, details: [spec.body], focus: spec.choices[focus] ?? '' });
  return new Promise((resolve) => {
    settle = resolve;
  });
}

export function isDialogOpen(): boolean {
  return ui.dialog !== '';
}

export function closeDialog(choice: number | null): void {
  if (!isDialogOpen()) return;
  updateUi({ dialog: '' });
  testHook.overlay(null);
  const done = settle;
  settle = undefined;
  done?.(choice);
}

/** Handles a key while the dialog is open; every key is taken, so the screen behind never sees one. */
export function dialogInput(key: RemoteKey | undefined): void {
  const count = ui.dialogChoices.length;
  const move = (step: number) => {
    const next = Math.min(count - 1, Math.max(0, ui.dialogFocus + step));
    if (next === ui.dialogFocus) return;
    updateUi({ dialogFocus: next });
    announceFocus(ui.dialogChoices[next] ?? '');
  };
  if (key === 'left' || key === 'up') move(-1);
  else if (key === 'right' || key === 'down') move(1);
  else if (key === 'ok') closeDialog(ui.dialogFocus);
  else if (key === 'back') closeDialog(null);
  else if (key === 'green') speech.repeat();
}
