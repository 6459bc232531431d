import { describe, expect, it } from 'vitest';
import type { AlertView } from '../api/bridge-client.ts';
import { contrastRatio } from '../theme/contrast.ts';
import { themeFor } from '../theme/tokens.ts';
import { alertScreen, alertSpeech, levelColor, PANEL, textColorOn } from './alert-view.ts';

function alert(patch: Partial<AlertView> = {}): AlertView {
  return {
    seq: 7,
    thread: 't1',
    kind: 'issue',
    exercise: false,
    level: 4,
    supporter: false,
    title: '【警戒レベル4】避難指示',
    action:
      'たなか はなこさん、危険な場所から全員避難。今すぐ避難してください。支援する方の避難も手伝ってください。',
    place: '避難先：美波町立日和佐小学校体育館（北東へ約1.2km）（福祉避難所に空きがありません）',
    english: null,
    shelter: { name: '美波町立日和佐小学校', distanceMetres: 1200, direction: 'NE', directionLabel: '北東' },
    expiresAt: Date.now() + 3_600_000,
    shown: false,
    ...patch,
  };
}

describe('alert overlay view', () => {
  it('uses the 警戒レベル colours with text at 7:1 or more', () => {
    expect([5, 4, 3, 2, 1].map(levelColor)).toEqual(['#000000', '#8b008b', '#b00020', '#ffd400', '#ffffff']);
    for (const level of [5, 4, 3, 2, 1, null]) {
      const color = levelColor(level);
      expect(contrastRatio(textColorOn(color), color)).toBeGreaterThanOrEqual(7);
    }
  });

  it('fits the panel at every text size, never under 48 px, with the four answers in the remote colours', () => {
    for (const textSize of ['normal', 'large', 'very-large'] as const) {
      const screen = alertScreen(
        { alert: alert(), phase: 'alert' },
        themeFor({ textSize, highContrast: false }),
      );
      const { layout } = screen;
      expect(Math.min(layout.titleSize, layout.bodySize, layout.smallSize)).toBeGreaterThanOrEqual(48);
      expect(layout.placeY + Math.max(layout.placeLines * layout.bodySize * 1.4, 220)).toBeLessThanOrEqual(
        layout.answersY,
      );
      expect(layout.hintY + Math.round(layout.smallSize * 1.4)).toBeLessThanOrEqual(
        PANEL.h - 2 * PANEL.padding,
      );
      expect(screen.answers.map((a) => [a.name, a.label])).toEqual([
        ['赤', '無事'],
        ['緑', '避難中'],
        ['黄', '避難所にいる'],
        ['青', '助けが必要'],
      ]);
      for (const tile of screen.answers) expect(tile.labelSize * 6).toBeLessThanOrEqual(tile.w - 20);
    }
    const veryLarge = alertScreen(
      { alert: alert(), phase: 'alert' },
      themeFor({ textSize: 'very-large', highContrast: false }),
    );
    expect(veryLarge.layout.bodySize).toBeGreaterThan(
      themeFor({ textSize: 'normal', highContrast: false }).size.body,
    );
  });

  it('shows the English under the Japanese in the room left, never making the Japanese smaller', () => {
    const english = {
      title: '[Level 4] Evacuation order',
      action:
        'Ms Tanaka, everyone in danger zones must evacuate. Evacuate now. Please help the person you support too.',
      place: 'Go to: Hiwasa Elementary School gym (about 1.2 km north-east) (no room at a welfare shelter)',
    };
    for (const textSize of ['normal', 'large', 'very-large'] as const) {
      const theme = themeFor({ textSize, highContrast: false });
      // Texts as the backend composes them for a household without a supporter's role.
      const japanese = {
        action: 'たなかさん、危険な場所から全員避難。今すぐ避難してください。',
        place: '避難先：日和佐小学校　体育館（北東へ約1.2km）',
      };
      const plain = alertScreen({ alert: alert(japanese), phase: 'alert' }, theme);
      const screen = alertScreen({ alert: alert({ ...japanese, english }), phase: 'alert' }, theme);
      expect(plain.english).toBe('');
      expect(screen.english).toBe(`${english.title} ${english.action} ${english.place}`);
      const { layout } = screen;
      // The Japanese is laid out exactly as without English.
      const { englishLines: _lines, ...withEnglish } = layout;
      const { englishLines: _none, ...alone } = plain.layout;
      expect(withEnglish).toEqual(alone);
      expect(layout.englishLines).toBeGreaterThan(0);
      // Under the place, left of the arrow, above the answers.
      expect(layout.englishY).toBeGreaterThanOrEqual(
        layout.placeY + layout.placeLines * layout.bodySize * 1.4,
      );
      expect(layout.englishWidth).toBe(layout.placeWidth);
      expect(layout.englishY + layout.englishLines * layout.englishSize * 1.3).toBeLessThanOrEqual(
        layout.answersY,
      );
      expect(Math.min(layout.titleSize, layout.bodySize, layout.smallSize)).toBeGreaterThanOrEqual(48);
      expect(layout.englishSize).toBeGreaterThanOrEqual(48);
      expect(layout.bodySize).toBeGreaterThanOrEqual(layout.englishSize);
      // The Japanese is still what is spoken (the speech has one Japanese voice).
      expect(alertSpeech(alert({ english }), 'alert')).toEqual(alertSpeech(alert(), 'alert'));
    }
    // A notice and the confirmation: the notice's English too; the confirmation is the app's own Japanese.
    const theme = themeFor({ textSize: 'normal', highContrast: false });
    const cancel = alert({
      kind: 'cancel',
      title: '【取り消し】避難指示',
      action: '先ほどお知らせした避難指示は取り消されました。',
      place: null,
      english: {
        title: '[Cancelled] Evacuation order',
        action: 'The evacuation order sent earlier has been cancelled.',
        place: null,
      },
    });
    const notice = alertScreen({ alert: cancel, phase: 'notice' }, theme);
    expect(notice.english).toBe(
      '[Cancelled] Evacuation order The evacuation order sent earlier has been cancelled.',
    );
    expect(notice.layout.hintY).toBeGreaterThanOrEqual(
      notice.layout.englishY + notice.layout.englishSize * 1.3,
    );
    expect(alertScreen({ alert: cancel, phase: 'sent', answer: 'safe' }, theme).english).toBe('');
  });

  it('marks an exercise, points to the shelter, and says whom a supporter helps', () => {
    const theme = themeFor({ textSize: 'normal', highContrast: false });
    const drill = alertScreen(
      { alert: alert({ exercise: true, title: '【訓練】【警戒レベル4】避難指示' }), phase: 'alert' },
      theme,
    );
    expect(drill).toMatchObject({ badge: '訓練', arrow: 45, direction: '北東', color: '#8b008b' });
    expect(alertSpeech(alert({ exercise: true }), 'alert').slice(0, 2)).toEqual([
      '緊急速報',
      'これは訓練です',
    ]);

    const supporter = alert({
      supporter: true,
      action: 'あなたが支援する方（たなか はなこさん）に避難指示が出ています。避難を手伝ってください。',
      place: null,
      shelter: null,
    });
    const screen = alertScreen({ alert: supporter, phase: 'alert' }, theme);
    expect(screen).toMatchObject({ header: '避難支援のお願い', arrow: -1, place: '' });
    expect(alertSpeech(supporter, 'alert')).toContain(supporter.action);
  });

  it('shows a lift or cancel as a quiet notice without answers, and the confirmation after an answer', () => {
    const theme = themeFor({ textSize: 'normal', highContrast: false });
    const notice = alertScreen(
      { alert: alert({ kind: 'lift', title: '【解除】避難指示', place: null }), phase: 'notice' },
      theme,
    );
    expect(notice).toMatchObject({
      answers: [],
      header: 'お知らせ（避難情報）',
      hint: '決定ボタンで閉じます',
    });
    // A notice's panel is as tall as its text, in the middle of the screen.
    expect(notice.layout.panelH).toBeLessThan(PANEL.h / 2);
    expect(Math.abs(notice.layout.panelY * 2 + notice.layout.panelH - 1080)).toBeLessThanOrEqual(1);
    const sent = alertScreen({ alert: alert(), phase: 'sent', answer: 'at-shelter' }, theme);
    expect(sent.title.replace(/\u200b/g, '')).toBe('「避難所にいる」とお伝えしました。');
    expect(sent.answers).toEqual([]);
  });
});
