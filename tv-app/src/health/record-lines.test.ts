import { describe, expect, it } from 'vitest';
import type { ChildRecordView } from '../api/bridge-client.ts';
import { checkupLines, immunisationLines, latestLine, nextDueSpoken } from './record-lines.ts';

const record: ChildRecordView = {
  child: { id: 'c1', name: '美波 はな', birthDate: '2026-07-01', sex: 'female' },
  measurements: [
    {
      kind: 'weight',
      on: '2026-11-01',
      ageMonths: 4.03,
      value: 6.5,
      unit: 'kg',
      position: '50〜75パーセンタイルの間',
    },
    {
      kind: 'weight',
      on: '2026-09-01',
      ageMonths: 2.0,
      value: 5.1,
      unit: 'kg',
      position: '25〜50パーセンタイルの間',
    },
    { kind: 'height', on: '2026-11-01', ageMonths: 4.03, value: 61.5, unit: 'cm', position: null },
  ],
  checkups: [
    { name: '1か月児健康診査', on: '2026-08-01', result: '異常なし', note: null },
    { name: '4か月児健康診査', on: '2026-11-01', result: '経過観察', note: '体重の増え方を見ます' },
  ],
  given: [
    { name: 'B型肝炎', dose: 1, on: '2026-09-01' },
    { name: '小児用肺炎球菌', dose: 1, on: '2026-09-02' },
  ],
  due: [
    { name: '小児用肺炎球菌', label: '2回目', dueOn: '2027-01-20', closesOn: '2031-07-01' },
    { name: 'B型肝炎', label: '2回目', dueOn: '2026-12-01', closesOn: '2027-07-01' },
  ],
};

describe('record lines', () => {
  it('say the latest measurement and where it lies, never a judgement', () => {
    expect(latestLine(record, 'weight')).toBe('4か月　6.5kg　50〜75パーセンタイルの間');
    expect(latestLine(record, 'height')).toBe('4か月　61.5cm　この調査の曲線はありません');
    expect(latestLine({ ...record, measurements: [] }, 'weight')).toBe('体重の記録はまだありません');
  });

  it('list checkups newest first with their results', () => {
    expect(checkupLines(record)).toEqual([
      '令和8年11月1日　4か月児健康診査',
      '　経過観察（体重の増え方を見ます）',
      '令和8年8月1日　1か月児健康診査',
      '　異常なし',
    ]);
  });

  it('list the doses due first, next due at the top, then those given newest first', () => {
    const lines = immunisationLines(record);
    expect(lines[0]).toBe('■ 次の予定（早い順）');
    expect(lines[1]).toBe('B型肝炎（2回目）');
    expect(lines[2]).toBe('　令和8年12月1日から　期限は令和9年7月1日の前日まで');
    expect(lines[3]).toBe('小児用肺炎球菌（2回目）');
    expect(lines.slice(5)).toEqual([
      '■ 受けた予防接種',
      '令和8年9月2日　小児用肺炎球菌　1回目',
      '令和8年9月1日　B型肝炎　1回目',
    ]);
    expect(nextDueSpoken(record)).toBe('次の予防接種は、B型肝炎（2回目）、令和8年12月1日からです。');
  });
});
