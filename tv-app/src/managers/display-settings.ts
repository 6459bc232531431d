// Changing a display setting, from the settings screen or a colour button: applied at once, kept in
// localStorage, and said aloud.
import { speech } from '../speech/speech.ts';
import { saveSettings } from '../state/settings-store.ts';
import { ui, updateUi } from '../state/ui-state.ts';
import { ja } from '../texts/ja.ts';
import type { TextSize } from '../theme/tokens.ts';

export function textSizeText(size: TextSize): string {
  return `${ja.settings.textSize}：${ja.settings.textSizes[size]}`;
}

export function contrastText(high: boolean): string {
  return `${ja.settings.contrast}：${ja.settings.contrasts[high ? 'high' : 'normal']}`;
}

function persist(): void {
  saveSettings(window.localStorage, { textSize: ui.textSize, highContrast: ui.highContrast });
}

export function changeTextSize(size: TextSize): void {
  updateUi({ textSize: size });
  persist();
  speech.focus(textSizeText(size));
}

export function changeContrast(high: boolean): void {
  updateUi({ highContrast: high });
  persist();
  speech.focus(contrastText(high));
}
