// One household's payload in plain Japanese (and English where it asks): the level and what to do, the place
// with distance and direction, names only where the household agreed, 【訓練】 for an exercise. Texts are
// short so the payload stays near 1 KB: names (3 of 10 characters) and place names are capped.
import type { AlertInfo, AlertLevel } from '../alerts/index.ts';
import type { ShelterAssignment } from '../targeting/assign-shelters.ts';
import { compassLabels } from '../targeting/compass.ts';
import type { TargetHousehold } from '../targeting/household.ts';
import type { AlertPayload, AlertPayloadText } from './alert-payload.ts';
import { levelWording } from './level-wording.ts';

type Language = 'ja' | 'en';

/** What every payload of one alert (and one issue-or-lift group) shares (message-context.ts reads it). */
export interface AlertMessageContext {
  alert: AlertPayload['alert'];
  thread: string;
  status: AlertPayload['status'];
  kind: 'issue' | 'lift';
  level: AlertLevel | null;
  /** The info whose headline/instruction stand in when there is no level, per language (null: none). */
  info: Readonly<Record<Language, AlertInfo | null>>;
}

export interface HouseholdMessageFacts {
  household: TargetHousehold;
  role: AlertPayload['role'];
  priority: boolean;
  assignment: ShelterAssignment | null;
  /** Names of the supported households (only those that agreed), for a supporter's message. */
  supportedNames: readonly string[];
  /** This resident household also supports someone in the area. */
  alsoSupports: boolean;
}

/** Place names are long in the data (up to 200); the screen has room for about this many characters. */
const placeNameLength = 30;

export const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const marks = {
  ja: { drill: '【訓練】', lift: '【解除】', cancel: '【取り消し】' },
  en: { drill: '[DRILL] ', lift: '[Lifted] ', cancel: '[Cancelled] ' },
};

function levelName(context: AlertMessageContext, language: Language): string {
  if (context.level !== null) return levelWording[language][context.level].name;
  const info = context.info[language] ?? context.info.ja;
  return cap(info?.headline ?? info?.event ?? (language === 'ja' ? '避難情報' : 'Alert'), 60);
}

function title(context: AlertMessageContext, language: Language): string {
  const drill = context.status === 'Exercise' ? marks[language].drill : '';
  if (context.kind === 'lift') return `${drill}${marks[language].lift}${levelName(context, language)}`;
  const level =
    context.level === null
      ? ''
      : language === 'ja'
        ? `【警戒レベル${context.level}】`
        : `[Level ${context.level}] `;
  return `${drill}${level}${levelName(context, language)}`;
}

export function address(names: readonly string[], language: Language): string {
  const shown = names.slice(0, 3).map((name) => cap(name, 10));
  if (shown.length === 0) return '';
  return language === 'ja' ? `${shown.map((name) => `${name}さん`).join('、')}、` : `${shown.join(', ')}: `;
}

/** What to do, without the greeting (the same for most households of one alert: composed once). */
function action(context: AlertMessageContext, facts: HouseholdMessageFacts, language: Language): string {
  const name = levelName(context, language);
  if (context.kind === 'lift') {
    return language === 'ja'
      ? `${name}は解除されました。引き続き気をつけてください。`
      : `The ${name.toLowerCase()} has been lifted. Stay careful.`;
  }
  if (facts.role === 'supporter') {
    const whom = facts.supportedNames.slice(0, 3).map((n) => cap(n, 10));
    if (language === 'en') {
      const names = whom.length ? ` (${whom.join(', ')})` : '';
      return `The household you support${names} is under "${name}". Please help them evacuate.`;
    }
    const names = whom.length ? `（${whom.map((n) => `${n}さん`).join('、')}）` : '';
    return `あなたが支援する方${names}に${name}が出ています。避難を手伝ってください。`;
  }
  const supports = facts.alsoSupports
    ? language === 'ja'
      ? '支援する方の避難も手伝ってください。'
      : 'Please also help the household you support.'
    : '';
  if (context.level === null) {
    const info = context.info[language] ?? context.info.ja;
    const fallback = language === 'ja' ? '身の安全を確保してください。' : 'Keep yourself safe.';
    return `${cap(info?.instruction ?? fallback, 120)}${supports}`;
  }
  const wording = levelWording[language][context.level];
  const todo = !facts.priority && wording.todoOthers ? wording.todoOthers : wording.todo;
  const space = language === 'ja' ? '' : ' ';
  const stop = language === 'ja' && !/[。！]$/.test(wording.phrase) ? '。' : '';
  return `${wording.phrase}${stop}${space}${todo}${supports ? space + supports : ''}`;
}

function distance(metres: number, language: Language): string {
  const ja = language === 'ja';
  if (metres < 1000)
    return `${ja ? '約' : 'about '}${Math.max(10, Math.round(metres / 10) * 10)}${ja ? 'm' : ' m'}`;
  return `${ja ? '約' : 'about '}${(Math.round(metres / 100) / 10).toFixed(1)}${ja ? 'km' : ' km'}`;
}

function place(
  context: AlertMessageContext,
  facts: HouseholdMessageFacts,
  language: Language,
): string | null {
  if (context.kind === 'lift' || facts.role === 'supporter') return null;
  const { assignment } = facts;
  if (!assignment) return null;
  const name = cap(assignment.shelter.name, placeNameLength);
  const direction = compassLabels[language][assignment.direction];
  const fallback = assignment.welfareFallback
    ? language === 'ja'
      ? '（福祉避難所に空きがありません）'
      : ' (no room in a welfare shelter)'
    : '';
  return language === 'ja'
    ? `避難先：${name}（${direction}へ${distance(assignment.distanceMetres, language)}）${fallback}`
    : `Go to: ${name} (${distance(assignment.distanceMetres, language)} ${direction})${fallback}`;
}

function noPlace(
  context: AlertMessageContext,
  facts: HouseholdMessageFacts,
  language: Language,
): string | null {
  if (context.kind === 'lift' || facts.role === 'supporter' || facts.assignment) return null;
  return language === 'ja'
    ? '受け入れできる避難先が見つかりません。市町村の案内に従ってください。'
    : 'No shelter with room was found. Follow the municipality’s instructions.';
}

/** The composer of one alert's payloads: what all households share is worded once. */
export function createPayloadComposer(
  context: AlertMessageContext,
): (facts: HouseholdMessageFacts) => AlertPayload {
  const titles = { ja: title(context, 'ja'), en: title(context, 'en') };
  const actions = new Map<string, string>();
  const shared = (facts: HouseholdMessageFacts, language: Language) => {
    if (facts.role === 'supporter') return action(context, facts, language);
    const key = `${language}${facts.priority}${facts.alsoSupports}`;
    let text = actions.get(key);
    if (text === undefined) {
      text = action(context, facts, language);
      actions.set(key, text);
    }
    return text;
  };
  const text = (facts: HouseholdMessageFacts, language: Language): AlertPayloadText => {
    const { household } = facts;
    const greeting = household.namesConsent ? address(household.names, language) : '';
    return {
      title: titles[language],
      action: `${greeting}${shared(facts, language)}`,
      place: place(context, facts, language) ?? noPlace(context, facts, language),
    };
  };
  return (facts) => composePayload(context, facts, text);
}

function composePayload(
  context: AlertMessageContext,
  facts: HouseholdMessageFacts,
  text: (facts: HouseholdMessageFacts, language: Language) => AlertPayloadText,
): AlertPayload {
  const { assignment } = facts;
  const shelter =
    assignment && context.kind === 'issue' && facts.role === 'resident'
      ? {
          id: assignment.shelter.id,
          name: cap(assignment.shelter.name, placeNameLength),
          latitude: assignment.shelter.latitude,
          longitude: assignment.shelter.longitude,
          distanceMetres: assignment.distanceMetres,
          direction: assignment.direction,
          welfare: assignment.shelter.acceptedPeople === '要配慮者',
        }
      : null;
  const payload: AlertPayload = {
    v: 1,
    alert: context.alert,
    thread: context.thread,
    status: context.status,
    kind: context.kind,
    level: context.level,
    role: facts.role,
    priority: facts.priority,
    shelter,
    ja: text(facts, 'ja'),
  };
  if (facts.household.language === 'en') payload.en = text(facts, 'en');
  return payload;
}
