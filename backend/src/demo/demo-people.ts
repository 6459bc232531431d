// Made-up people for the demo households: names common in Tokushima, ages of an ageing coastal town, and the
// needs an evacuation alert must take into account. Nobody here is a real person.
import type { SeededRandom } from './seeded-random.ts';

/** What a person needs when an alert comes, or offers: 要配慮者 kinds and 避難支援者 (helps neighbours). */
export const demoNeeds = [
  'elderly',
  'mobility',
  'hearing',
  'visual',
  'welfare-shelter',
  'supporter',
] as const;
export type DemoNeed = (typeof demoNeeds)[number];

/** Needs that make a person 要配慮者 who needs help to evacuate (the household schema's needsAssistance). */
export const assistanceNeeds: ReadonlySet<DemoNeed> = new Set([
  'mobility',
  'hearing',
  'visual',
  'welfare-shelter',
]);

export interface DemoMember {
  /** 氏名 with U+3000 between family and given name, as on the card. */
  name: string;
  birthYear: number;
  needs: DemoNeed[];
}

/** Ages are counted from this year, so the town is the same whenever it is generated. */
export const demoReferenceYear = 2026;

const familyNames = [
  '浜口',
  '東',
  '岡田',
  '森',
  '吉田',
  '中川',
  '山本',
  '坂本',
  '大西',
  '藤本',
  '川西',
  '西川',
  '近藤',
  '谷',
  '長尾',
  '福田',
  '湯浅',
  '日下',
  '戎谷',
  '蔭山',
  '橋本',
  '三好',
  '岩佐',
  '林',
  '松田',
  '井上',
  '久保',
  '新居',
];
const givenNames = {
  older: {
    male: ['清', '茂', '勝', '正夫', '実', '弘'],
    female: ['幸子', '和子', '節子', '久子', '美代子', '静子'],
  },
  middle: {
    male: ['浩二', '健一', '誠', '隆', '修', '博之'],
    female: ['真由美', '恵子', '直美', '裕子', '由美', '明美'],
  },
  young: {
    male: ['翔太', '大輝', '蓮', '悠真', '陽向', '湊'],
    female: ['美咲', '結衣', '陽菜', '葵', '凛', '芽依'],
  },
};

function givenName(random: SeededRandom, birthYear: number): string {
  const age = demoReferenceYear - birthYear;
  const band = age >= 65 ? givenNames.older : age >= 35 ? givenNames.middle : givenNames.young;
  return random.pick(random.chance(0.5) ? band.male : band.female);
}

function needsOf(random: SeededRandom, birthYear: number): DemoNeed[] {
  const age = demoReferenceYear - birthYear;
  const needs: DemoNeed[] = [];
  if (age >= 75) {
    needs.push('elderly');
    if (random.chance(0.18)) needs.push('mobility');
    if (random.chance(0.1)) needs.push('hearing');
    if (random.chance(0.05)) needs.push('visual');
    if (needs.includes('mobility') && random.chance(0.4)) needs.push('welfare-shelter');
  } else if (age >= 20 && age < 70 && random.chance(0.12)) {
    needs.push('supporter');
  }
  return needs;
}

const headWeights: Record<number, number> = { 35: 1, 45: 1.5, 55: 2, 65: 3, 75: 2.5, 85: 1 };

/** A household of 1–4 people sharing a family name; many elderly, some living alone. */
export function demoFamily(random: SeededRandom): DemoMember[] {
  const family = random.pick(familyNames);
  const size = random.weighted([1, 2, 3, 4], (n) => [0, 34, 38, 16, 12][n] ?? 0);
  // Heads of household by decade of age, weighted like a town where almost half the people are 65 or older.
  const decade = random.weighted([35, 45, 55, 65, 75, 85], (a) => headWeights[a] ?? 0);
  const headBirthYear = demoReferenceYear - decade - random.between(0, 9);
  const birthYears = [headBirthYear];
  if (size >= 2) birthYears.push(headBirthYear + random.between(-4, 4));
  for (let i = 2; i < size; i += 1) birthYears.push(headBirthYear + random.between(25, 35));
  return birthYears.map((birthYear) => ({
    name: `${family}\u3000${givenName(random, birthYear)}`,
    birthYear: Math.min(birthYear, demoReferenceYear),
    needs: needsOf(random, birthYear),
  }));
}
