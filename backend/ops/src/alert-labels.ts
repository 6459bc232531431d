// Words and colours of the alert pages, in one place: the 警戒レベル colours of the 2021 guideline (5 黒,
// 4 紫, 3 赤, 2 黄, 1 白), the states of an alert and of a household, and Tokyo time.
import type { AlertCounts, HouseholdState } from './alert-api.ts';

export const levelColours: Readonly<Record<number, { background: string; ink: string }>> = {
  5: { background: '#0c000c', ink: '#ffffff' },
  4: { background: '#aa00aa', ink: '#ffffff' },
  3: { background: '#ff2800', ink: '#ffffff' },
  2: { background: '#f2e700', ink: '#1a1a1a' },
  1: { background: '#ffffff', ink: '#1a1a1a' },
};

export const levelLabel = (level: number | null) => (level === null ? 'レベルなし' : `警戒レベル${level}`);

export const alertStateLabels: Readonly<Record<string, string>> = {
  'in-force': '発令中',
  superseded: '更新済み',
  withdrawn: '取消',
  expired: '期限切れ',
  'not-for-viewers': '配信対象外',
  ignored: '無視',
};

/** 訓練 for an exercise, 試験 for a test (never shown on TVs), nothing for a real alert. */
export function drillMark(status: string): string | null {
  if (status === 'Exercise') return '訓練';
  if (status === 'Test') return '試験';
  return null;
}

/** The counts in the order the pages show them. */
export const countLabels: readonly [keyof AlertCounts, string][] = [
  ['targeted', '対象世帯'],
  ['acknowledged', '受信確認'],
  ['shown', '表示'],
  ['answered', '回答'],
  ['safe', '無事'],
  ['evacuating', '避難中'],
  ['atShelter', '避難所'],
  ['needHelp', '助けが必要'],
];

/** Map colours of a household's state, and the legend's words. */
export const householdStateStyle: Readonly<Record<HouseholdState, { colour: string; label: string }>> = {
  'need-help': { colour: '#d7191c', label: '助けが必要' },
  safe: { colour: '#1a9641', label: '無事' },
  evacuating: { colour: '#f28e00', label: '避難中' },
  'at-shelter': { colour: '#00838f', label: '避難所にいる' },
  shown: { colour: '#2c5fb6', label: '表示済み・未回答' },
  acknowledged: { colour: '#7fa7e0', label: '受信のみ' },
  'not-reached': { colour: '#8c8c8c', label: '未受信' },
};

const tokyoTime = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'short',
  timeStyle: 'short',
});

export const at = (iso: string | null) => (iso === null ? '—' : tokyoTime.format(new Date(iso)));

/**
 * An area row: its name where the backend knows it (area_names), the code otherwise; a municipality's total
 * (`total`) is marked （全体）.
 */
export function areaLabel(
  area: { localGovernmentCode: string; machiazaId: string | null; name: string | null },
  total = false,
): string {
  const named =
    area.name ?? (area.machiazaId === null ? area.localGovernmentCode : `町字 ${area.machiazaId}`);
  return total ? `${named}（全体）` : named;
}
