// 警戒レベル from the words Japanese sources use (disaster spec §2.2). The municipal names give the level
// directly; JMA warnings are only "相当" (equivalent), mapped as the 2021 guideline tables list them.
import type { AlertLevel } from './alert-model.ts';

// Order matters: the first match wins, so longer or more urgent names come first
// (避難準備・高齢者等避難開始 contains 避難, 避難指示（緊急） contains 避難指示).
const municipalNames: [RegExp, AlertLevel][] = [
  [/緊急安全確保|災害発生情報/, 5],
  [/高齢者等避難|避難準備/, 3],
  [/避難指示|避難勧告/, 4],
  [/早期注意情報/, 1],
];

/** Level of a municipal evacuation information name (current or pre-2021), or null. */
export function levelOfEvacuationName(name: string): AlertLevel | null {
  for (const [pattern, level] of municipalNames) if (pattern.test(name)) return level;
  return null;
}

// JMA information and its 警戒レベル相当. 大雨警報 is taken as its 土砂災害 variant (level 3): the VPWW54 Kind
// name does not tell 土砂災害 from 浸水害, and the higher reading is the safe one.
const jmaKinds: Record<string, AlertLevel> = {
  大雨特別警報: 5,
  氾濫発生情報: 5,
  高潮特別警報: 4,
  高潮警報: 4,
  土砂災害警戒情報: 4,
  氾濫危険情報: 4,
  大雨警報: 3,
  洪水警報: 3,
  氾濫警戒情報: 3,
  大雨注意報: 2,
  洪水注意報: 2,
  高潮注意報: 2,
  早期注意情報: 1,
};

/** Level equivalent of a JMA warning kind; null for kinds outside the five levels (暴風, 大雪, 波浪…). */
export function levelOfJmaKind(kindName: string): AlertLevel | null {
  return jmaKinds[kindName] ?? null;
}

/** A level written as "4", "レベル4" or "警戒レベル４" (full-width digits too). */
export function parseLevel(text: string): AlertLevel | null {
  const halfWidth = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  const match = /^(?:警戒)?(?:レベル)?\s*([1-5])$/.exec(halfWidth.trim());
  return match ? (Number(match[1]) as AlertLevel) : null;
}
