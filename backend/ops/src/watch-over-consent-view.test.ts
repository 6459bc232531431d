import { describe, expect, it } from 'vitest';
import { type ConsentForm, contactText, readConsentForm } from './watch-over-consent-view.ts';

const form = (change: Partial<ConsentForm>): ConsentForm => ({
  agreedBy: 'みなみ はる',
  quietHours: '24',
  askTimes: ['', '', '', ''],
  contacts: [{ name: 'みなみ なつ', relation: '長女', phone: '090-1111-2222' }],
  residentContacts: [],
  ...change,
});

describe('the consent form', () => {
  it('reads the paper form: who agreed, contacts (blank rows left out), quiet hours, ask times', () => {
    expect(
      readConsentForm(
        form({
          quietHours: '４８',
          askTimes: ['18:00', '', '09:00', ''],
          contacts: [
            { name: ' みなみ なつ ', relation: '', phone: '０９０－１１１１－２２２２' },
            { name: '', relation: '', phone: '' },
            { name: '民生委員 さとう', relation: '民生委員', phone: '0884-77-0000' },
          ],
          residentContacts: [{ residentId: '00000000-0000-4000-8000-000000000001' }],
        }),
      ),
    ).toEqual({
      agreedBy: 'みなみ はる',
      quietHours: 48,
      askTimes: ['18:00', '09:00'],
      contacts: [
        { residentId: '00000000-0000-4000-8000-000000000001' },
        { name: 'みなみ なつ', phone: '090-1111-2222' },
        { name: '民生委員 さとう', phone: '0884-77-0000', relation: '民生委員' },
      ],
    });
  });

  it('says what is wrong, naming the contact row', () => {
    expect(readConsentForm(form({ agreedBy: ' ' }))).toBe('同意した人の氏名を入力してください。');
    expect(readConsentForm(form({ quietHours: '0' }))).toBe(
      '通知までの時間は1〜168時間の整数で入力してください。',
    );
    expect(readConsentForm(form({ quietHours: '1.5' }))).toBe(
      '通知までの時間は1〜168時間の整数で入力してください。',
    );
    expect(readConsentForm(form({ askTimes: ['09:00', '09:00'] }))).toBe(
      '同じ時刻が2回以上入力されています。',
    );
    expect(readConsentForm(form({ contacts: [{ name: '', relation: '', phone: '' }] }))).toBe(
      '連絡先を1件以上入力してください。',
    );
    expect(
      readConsentForm(
        form({
          contacts: [
            { name: 'a', relation: '', phone: '090-1111-2222' },
            { name: 'b', relation: '', phone: '電話なし' },
          ],
        }),
      ),
    ).toBe('連絡先2の電話番号を数字とハイフンで入力してください（例：090-1234-5678）。');
    expect(readConsentForm(form({ contacts: [{ name: '', relation: '', phone: '090-1111-2222' }] }))).toBe(
      '連絡先1の氏名を入力してください。',
    );
  });

  it('shows a contact as the municipality calls them', () => {
    expect(contactText({ name: 'みなみ なつ', relation: '長女', phone: '090-1111-2222' })).toBe(
      'みなみ なつ（長女） 090-1111-2222',
    );
    expect(contactText({ residentId: '00000000-0000-4000-8000-000000000001' })).toBe(
      '登録住民（お知らせで連絡）',
    );
  });
});
