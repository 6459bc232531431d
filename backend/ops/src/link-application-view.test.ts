import { describe, expect, it } from 'vitest';
import {
  childLabel,
  japaneseDate,
  readApproval,
  readRejection,
  stateLabel,
} from './link-application-view.ts';

describe('an application in words', () => {
  it('names each child with the birth date, and says so when the parent left the name out', () => {
    expect(childLabel({ name: '美波 はな', birthDate: '2025-07-01' })).toBe('美波 はな（2025年7月1日生）');
    expect(childLabel({ birthDate: '2024-12-24' })).toBe('（氏名未記入）（2024年12月24日生）');
    expect(childLabel({ name: '  ', birthDate: '2024-12-24' })).toBe('（氏名未記入）（2024年12月24日生）');
    expect(japaneseDate('1992-03-09')).toBe('1992年3月9日');
    expect([stateLabel('pending'), stateLabel('approved'), stateLabel('rejected')]).toEqual([
      '審査待ち',
      '承認済み',
      '却下',
    ]);
  });
});

describe('the decision forms', () => {
  const system = 'urn:oid:1.2.392.100495.20.3.51.11311234567';

  it("approves with the municipality's identifiers, leaving out a child left blank", () => {
    expect(readApproval(` ${system} `, [' child-0001 ', '', 'child-0002'])).toEqual({
      decision: 'approve',
      children: [
        { system, value: 'child-0001' },
        { system, value: 'child-0002' },
      ],
    });
  });

  it('says what is missing or wrong before anything is sent', () => {
    expect(readApproval('', ['child-0001'])).toBe('識別子の体系（system）を入力してください。');
    expect(readApproval(system, ['', ' '])).toBe('少なくとも1人のお子さまの識別子を入力してください。');
    expect(readApproval(system, ['a', 'a'])).toBe('同じ識別子が2回以上入力されています。');
    expect(readRejection('  ')).toBe('却下の理由を入力してください（申込者に伝わります）。');
    expect(readRejection('x'.repeat(401))).toBe('却下の理由は400文字以内で入力してください。');
    expect(readRejection(' 記録が見つかりません ')).toEqual({
      decision: 'reject',
      reason: '記録が見つかりません',
    });
  });
});
