// The viewer's display settings (text size, high contrast), kept in localStorage so they survive a reload
// or a power cut. Whatever is stored is checked: anything unknown falls back to the default.
import { type DisplaySettings, type TextSize, textSizes } from '../theme/tokens.ts';

export const SETTINGS_STORAGE_KEY = 'myna-tv.display-settings';

export const defaultSettings: DisplaySettings = { textSize: 'normal', highContrast: false };

type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function loadSettings(storage: SettingsStorage | undefined): DisplaySettings {
  let stored: unknown;
  try {
    stored = JSON.parse(storage?.getItem(SETTINGS_STORAGE_KEY) ?? 'null');
  } catch {
    return { ...defaultSettings };
  }
  if (typeof stored !== 'object' || stored === null) return { ...defaultSettings };
  const { textSize, highContrast } = stored as Record<string, unknown>;
  return {
    textSize: textSizes.includes(textSize as TextSize) ? (textSize as TextSize) : defaultSettings.textSize,
    highContrast: typeof highContrast === 'boolean' ? highContrast : defaultSettings.highContrast,
  };
}

/** Stores the settings; a full or disabled storage only means they will not survive a reload. */
export function saveSettings(storage: SettingsStorage | undefined, settings: DisplaySettings): void {
  try {
    storage?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Nothing to tell the viewer: the setting still applies until the app is closed.
  }
}

/** The next text size in the order normal → large → very large → normal. */
export function nextTextSize(size: TextSize): TextSize {
  return textSizes[(textSizes.indexOf(size) + 1) % textSizes.length] as TextSize;
}
