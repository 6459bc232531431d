// What the alert overlay draws, worked out from an alert as the bridge client gives it: the 警戒レベル colour
// (内閣府 guideline: レベル5 黒, 4 紫, 3 赤, 2 黄, 1 白, in shades that keep 7:1 text contrast), 【訓練】 for an
// exercise, the title, what to do, the place with an arrow for its direction, the English texts under them when
// the household asked for English, the four answers in the remote's colours, and a layout that fits the 1080 stage at every text size (long texts shrink a little, never below
// 48 px). Pure: the browser is not needed to test it.
import type { AlertAnswer, AlertView } from '../api/bridge-client.ts';
import { ja } from '../texts/ja.ts';
import { breakable } from '../texts/line-breaks.ts';
import { remoteKeyColors, type Theme } from '../theme/tokens.ts';

export type AlertPhase = 'alert' | 'notice' | 'sent';

export interface AnswerTile {
  key: keyof typeof remoteKeyColors;
  name: string;
  label: string;
  color: string;
  x: number;
  y: number;
  w: number;
  h: number;
  labelSize: number;
  nameSize: number;
  nameY: number;
  labelY: number;
}

export interface AlertScreen {
  /** `<seq>:<phase>`: names what is on show (test hook, inspector). */
  id: string;
  seq: number;
  phase: AlertPhase;
  level: number | null;
  color: string;
  textColor: string;
  header: string;
  /** 訓練 badge text, '' when not an exercise. */
  badge: string;
  title: string;
  action: string;
  place: string;
  /** The English title, action and place in one paragraph under the Japanese; '' when there is none. */
  english: string;
  hint: string;
  /** Degrees clockwise from up (north), or -1 when there is no shelter to point to. */
  arrow: number;
  direction: string;
  answers: AnswerTile[];
  layout: {
    titleSize: number;
    bodySize: number;
    smallSize: number;
    titleY: number;
    actionY: number;
    placeY: number;
    placeWidth: number;
    englishY: number;
    englishSize: number;
    englishWidth: number;
    answersY: number;
    tileH: number;
    hintY: number;
    /** The panel: the whole stage for an alert, only as tall as its text (centred) for a notice. */
    panelY: number;
    panelH: number;
    titleLines: number;
    actionLines: number;
    placeLines: number;
    englishLines: number;
  };
}

/** The answers in the order of the remote's colour buttons. */
export const answerOfKey: Readonly<Record<keyof typeof remoteKeyColors, AlertAnswer>> = {
  red: 'safe',
  green: 'evacuating',
  yellow: 'at-shelter',
  blue: 'need-help',
};

const levelColors: Readonly<Record<number, string>> = {
  5: '#000000',
  4: '#8b008b',
  3: '#b00020',
  2: '#ffd400',
  1: '#ffffff',
};
/** Without a level (an alert of another kind): the warning red. */
const noLevelColor = '#b00020';
/** Notices and the confirmation: the app's own panel colour. */
const quietColor = '#1f2a44';

export function levelColor(level: number | null): string {
  return level === null ? noLevelColor : (levelColors[level] ?? noLevelColor);
}

export function textColorOn(background: string): string {
  return background === '#ffd400' || background === '#ffffff' ? '#000000' : '#ffffff';
}

const compassDegrees: Readonly<Record<string, number>> = {
  N: 0,
  NE: 45,
  E: 90,
  SE: 135,
  S: 180,
  SW: 225,
  W: 270,
  NW: 315,
};

export const PANEL = { x: 40, y: 24, w: 1840, h: 1032, padding: 48 } as const;
const contentWidth = PANEL.w - 2 * PANEL.padding;
const arrowBox = 220;
const gap = 20;

/** Width of a text in ems: full-width characters 1, Latin letters, digits and spaces about half. */
function ems(text: string): number {
  let width = 0;
  for (const char of text.replace(/\u200b/g, '')) width += /[\u0020-\u007e]/.test(char) ? 0.55 : 1;
  return width;
}

/** Lines a text takes at `size` in `width` (a little extra: lines break only where breakable() allows). */
export function linesOf(text: string, size: number, width: number): number {
  if (text === '') return 0;
  return Math.max(1, Math.ceil((ems(text) * size * 1.04) / width));
}

export interface AlertScreenInput {
  alert: AlertView;
  phase: AlertPhase;
  /** The answer just sent (phase `sent`). */
  answer?: AlertAnswer;
}

export function alertScreen(input: AlertScreenInput, theme: Theme): AlertScreen {
  const { alert, phase } = input;
  const color = phase === 'alert' ? levelColor(alert.level) : quietColor;
  const header =
    phase === 'notice' ? ja.alert.noticeHeader : alert.supporter ? ja.alert.supporterHeader : ja.alert.header;
  const texts =
    phase === 'sent'
      ? {
          title: ja.alert.sent(ja.alert.answers[input.answer ?? 'safe']),
          action: ja.alert.sentNote,
          place: '',
          english: '',
        }
      : {
          title: alert.title,
          action: alert.action,
          place: alert.place ?? '',
          english: alert.english
            ? [alert.english.title, alert.english.action, alert.english.place ?? ''].filter(Boolean).join(' ')
            : '',
        };
  const hint = phase === 'alert' ? ja.alert.repeatHint : phase === 'notice' ? ja.alert.noticeClose : '';
  const arrow = phase === 'alert' && alert.shelter ? (compassDegrees[alert.shelter.direction] ?? -1) : -1;
  const answers = phase === 'alert' && alert.kind === 'issue';
  const layout = fit(texts, { arrow: arrow >= 0, answers, hint: hint !== '' }, theme);
  const tileW = (contentWidth - 3 * 24) / 4;
  return {
    id: `${alert.seq}:${phase}`,
    seq: alert.seq,
    phase,
    level: alert.level,
    color,
    textColor: textColorOn(color),
    header,
    badge: alert.exercise ? ja.alert.exercise : '',
    title: breakable(texts.title),
    action: breakable(texts.action),
    place: breakable(texts.place),
    english: texts.english,
    hint,
    arrow,
    direction: alert.shelter ? alert.shelter.directionLabel : '',
    answers: answers
      ? (Object.keys(answerOfKey) as (keyof typeof answerOfKey)[]).map((key, index) => {
          const label = ja.alert.answers[answerOfKey[key]];
          const labelSize = Math.max(48, Math.min(layout.bodySize, Math.floor((tileW - 40) / ems(label))));
          return {
            key,
            name: ja.keys[key],
            label,
            color: remoteKeyColors[key],
            x: PANEL.padding + Math.round(index * (tileW + 24)),
            y: PANEL.padding + layout.answersY,
            w: Math.round(tileW),
            h: layout.tileH,
            labelSize,
            nameSize: 48,
            nameY: 16,
            labelY: Math.round(16 + 48 * 1.2 + (layout.bodySize - labelSize) / 2),
          };
        })
      : [],
    layout,
  };
}

function fit(
  texts: { title: string; action: string; place: string; english: string },
  parts: { arrow: boolean; answers: boolean; hint: boolean },
  theme: Theme,
): AlertScreen['layout'] {
  const available = PANEL.h - 2 * PANEL.padding;
  const smallSize = Math.max(48, theme.size.small);
  const placeWidth = contentWidth - (parts.arrow ? arrowBox + 40 : 0);
  const measure = (shrink: number) => {
    const titleSize = Math.max(48, Math.round(theme.size.title * 1.15 * shrink));
    const bodySize = Math.max(48, Math.round(theme.size.body * shrink));
    const titleLines = Math.min(2, linesOf(texts.title, titleSize, contentWidth));
    const actionLines = Math.min(5, linesOf(texts.action, bodySize, contentWidth));
    const placeLines = Math.min(3, linesOf(texts.place, bodySize, placeWidth));
    // English at the smallest size (48 px), in the room the Japanese leaves: it never makes the Japanese smaller.
    const englishSize = 48;
    // Beside the arrow when there is one (left of it, as the place is), so it can start right under the place.
    const englishWidth = placeWidth;
    const englishWanted = Math.min(3, linesOf(texts.english, englishSize, englishWidth));
    // The colour's name in a tile stays at the smallest size: the answer under it is what must be read.
    const tileH = parts.answers ? Math.round(48 * 1.2 + bodySize * 1.3 + 36) : 0;
    const titleY = Math.round(smallSize * 1.5);
    const actionY = titleY + Math.round(titleLines * titleSize * 1.2) + gap;
    const placeY = actionY + Math.round(actionLines * bodySize * 1.4) + gap;
    const placeH = Math.max(placeLines * bodySize * 1.4, parts.arrow ? arrowBox : 0);
    const placeEnd = placeLines > 0 ? placeY + placeH + gap : placeY;
    const englishY = placeLines > 0 ? Math.round(placeY + placeLines * bodySize * 1.4 + gap) : placeY;
    const hintH = parts.hint ? Math.round(smallSize * 1.4) : 0;
    const answersY = available - hintH - tileH - (parts.answers ? gap : 0);
    const fits = placeY + placeH + gap <= answersY;
    const room = parts.answers
      ? Math.floor((answersY - englishY - gap) / (englishSize * 1.3))
      : englishWanted;
    const englishLines = Math.max(0, Math.min(englishWanted, room));
    const englishH = englishLines > 0 ? Math.round(englishLines * englishSize * 1.3) + gap : 0;
    // Without answers the panel ends after its text.
    const textEnd = Math.max(placeEnd, englishY + englishH);
    const hintY = parts.answers ? available - hintH : textEnd;
    const panelH = parts.answers ? PANEL.h : hintY + hintH + 2 * PANEL.padding;
    const panelY = parts.answers ? PANEL.y : Math.round((1080 - panelH) / 2);
    return {
      fits,
      layout: {
        titleSize,
        bodySize,
        smallSize,
        titleY,
        actionY,
        placeY,
        placeWidth,
        englishY,
        englishSize,
        englishWidth,
        answersY,
        tileH,
        hintY,
        panelY,
        panelH,
        titleLines,
        actionLines,
        placeLines,
        englishLines,
      },
    };
  };
  let shrink = 1;
  let result = measure(shrink);
  while (!result.fits && shrink > 0.6) {
    shrink -= 0.05;
    result = measure(shrink);
  }
  return result.layout;
}

/** What is spoken: the header, the texts in screen order, then what to do with the remote. */
export function alertSpeech(alert: AlertView, phase: AlertPhase): string[] {
  const exercise = alert.exercise ? [ja.alert.exerciseNote] : [];
  if (phase === 'notice') return [...exercise, alert.title, alert.action];
  const header = alert.supporter ? ja.alert.supporterHeader : ja.alert.header;
  return [
    header,
    ...exercise,
    alert.title,
    alert.action,
    ...(alert.place ? [alert.place] : []),
    ...(alert.kind === 'issue' ? [ja.alert.answerSpoken] : []),
  ];
}
