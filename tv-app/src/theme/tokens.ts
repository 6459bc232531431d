// Theme tokens: colours and text sizes for each display setting. Text sizes scale together, so a layout
// written in terms of these tokens still fits the screen at the largest setting.

export const textSizes = ['normal', 'large', 'very-large'] as const;
export type TextSize = (typeof textSizes)[number];

export interface DisplaySettings {
  textSize: TextSize;
  highContrast: boolean;
}

export interface Theme {
  /** Multiplier of every size below (1 at `normal`). */
  scale: number;
  size: { title: number; body: number; small: number };
  color: {
    background: string;
    panel: string;
    /** Outline of panels; equal to `panel` when the theme draws no outline. */
    outline: string;
    text: string;
    subtext: string;
    focus: string;
    focusText: string;
    disabledText: string;
    warning: string;
    warningText: string;
  };
}

const scales: Record<TextSize, number> = { normal: 1, large: 1.2, 'very-large': 1.4 };

const standardColors: Theme['color'] = {
  background: '#0b1020',
  panel: '#1f2a44',
  outline: '#1f2a44',
  text: '#ffffff',
  subtext: '#c8d0e0',
  focus: '#ffd400',
  focusText: '#000000',
  disabledText: '#b8c0d0',
  warning: '#b00020',
  warningText: '#ffffff',
};

// Pure black and white, a thick white outline on every panel, and no grey text.
const highContrastColors: Theme['color'] = {
  background: '#000000',
  panel: '#000000',
  outline: '#ffffff',
  text: '#ffffff',
  subtext: '#ffffff',
  focus: '#ffff00',
  focusText: '#000000',
  disabledText: '#ffffff',
  warning: '#000000',
  warningText: '#ffff00',
};

/** The remote's colour buttons as printed on the remote (shown next to their labels on every screen). */
export const remoteKeyColors = {
  red: '#e60012',
  green: '#009944',
  yellow: '#ffd400',
  blue: '#0068b7',
} as const;

export function themeFor(settings: DisplaySettings): Theme {
  const scale = scales[settings.textSize];
  return {
    scale,
    size: { title: Math.round(64 * scale), body: Math.round(52 * scale), small: Math.round(48 * scale) },
    // A copy: Blits merges objects handed to its reactive state into the previous value.
    color: { ...(settings.highContrast ? highContrastColors : standardColors) },
  };
}
