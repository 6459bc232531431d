// The payload that takes an alert off a household's screen: 取り消し (a Cancel withdrew the thread, or an
// Update no longer covers the household). The same for every household of one message but for the language
// and the names, so each variant is composed once and shared.
import type { AlertLevel } from '../alerts/index.ts';
import type { TargetHousehold } from '../targeting/household.ts';
import type { AlertPayload, AlertPayloadText } from './alert-payload.ts';
import { address, cap, marks } from './compose-payload.ts';
import { levelWording } from './level-wording.ts';

type Language = 'ja' | 'en';

export interface CancelMessageContext {
  /** The message that withdraws (the Cancel, or the Update that no longer covers the household). */
  alert: AlertPayload['alert'];
  thread: string;
  status: AlertPayload['status'];
  /** The level of what is withdrawn, to name it; null: named by `headline`, else generically. */
  level: AlertLevel | null;
  headline: string | null;
}

function withdrawnName(context: CancelMessageContext, language: Language): string {
  if (context.level !== null) return levelWording[language][context.level].name;
  if (context.headline !== null && language === 'ja') return cap(context.headline, 60);
  return language === 'ja' ? '避難情報' : 'alert';
}

function text(
  context: CancelMessageContext,
  household: Pick<TargetHousehold, 'names' | 'namesConsent'>,
  language: Language,
): AlertPayloadText {
  const drill = context.status === 'Exercise' ? marks[language].drill : '';
  const name = withdrawnName(context, language);
  const greeting = household.namesConsent ? address(household.names, language) : '';
  return {
    title: `${drill}${marks[language].cancel}${name}`,
    action:
      language === 'ja'
        ? `${greeting}先ほどお知らせした${name}は取り消されました。最新の情報に気をつけてください。`
        : `${greeting}The ${name.toLowerCase()} sent earlier has been cancelled. Watch for the latest information.`,
    place: null,
  };
}

/** The composer of one message's cancel payloads; households without names consent share one object. */
export function createCancelComposer(
  context: CancelMessageContext,
): (household: Pick<TargetHousehold, 'language' | 'names' | 'namesConsent'>) => AlertPayload {
  const plain = new Map<Language, AlertPayload>();
  const compose = (household: Pick<TargetHousehold, 'language' | 'names' | 'namesConsent'>) => {
    const payload: AlertPayload = {
      v: 1,
      alert: context.alert,
      thread: context.thread,
      status: context.status,
      kind: 'cancel',
      level: context.level,
      role: 'resident',
      priority: false,
      shelter: null,
      ja: text(context, household, 'ja'),
    };
    if (household.language === 'en') payload.en = text(context, household, 'en');
    return payload;
  };
  return (household) => {
    if (household.namesConsent && household.names.length > 0) return compose(household);
    let payload = plain.get(household.language);
    if (payload === undefined) {
      payload = compose(household);
      plain.set(household.language, payload);
    }
    return payload;
  };
}
