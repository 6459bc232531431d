import { describe, expect, it } from 'vitest';
import { loadSettings, nextTextSize, SETTINGS_STORAGE_KEY, saveSettings } from './settings-store.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('display settings store', () => {
  it('round-trips the settings', () => {
    const storage = memoryStorage();
    saveSettings(storage, { textSize: 'very-large', highContrast: true });
    expect(loadSettings(storage)).toEqual({ textSize: 'very-large', highContrast: true });
  });

  it('falls back to the defaults for missing, broken or unknown values', () => {
    expect(loadSettings(undefined)).toEqual({ textSize: 'normal', highContrast: false });
    expect(loadSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: '{not json' }))).toEqual({
      textSize: 'normal',
      highContrast: false,
    });
    const odd = memoryStorage({ [SETTINGS_STORAGE_KEY]: '{"textSize":"huge","highContrast":"yes"}' });
    expect(loadSettings(odd)).toEqual({ textSize: 'normal', highContrast: false });
  });

  it('survives a storage that refuses to store', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveSettings(full, { textSize: 'large', highContrast: false })).not.toThrow();
  });

  it('cycles the text size', () => {
    expect([nextTextSize('normal'), nextTextSize('large'), nextTextSize('very-large')]).toEqual([
      'large',
      'very-large',
      'normal',
    ]);
  });
});
