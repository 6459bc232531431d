import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAlertThreads } from './alert-threads.ts';
import { parseAlert } from './parse-alert.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('JMA 防災情報XML warnings', () => {
  it('maps a 発表: one info per kind, 7-digit area codes with their 6-digit codes, levels 相当', () => {
    const alert = parseAlert(fixture('jma-warning-issue.xml'));
    expect(alert).toMatchObject({
      source: 'jma',
      sender: 'jma:徳島地方気象台',
      identifier: 'jma_徳島県気象警報・注意報_2026-11-24T09:05:00+09:00_発表',
      sent: '2026-11-24T09:05:00+09:00',
      status: 'Actual',
      msgType: 'Alert',
      series: '徳島県気象警報・注意報',
      problems: [],
    });
    expect(alert.infos.map((i) => [i.event, i.level, i.issueOrLift, i.severity])).toEqual([
      ['大雨警報', 3, 'issue', 'Severe'],
      ['洪水注意報', 2, 'issue', 'Moderate'],
      ['暴風注意報', null, 'issue', 'Moderate'],
    ]);
    expect(alert.infos[0]?.areas.map((a) => [a.desc, a.geocodes])).toEqual([
      [
        '美波町',
        [
          { name: 'JMA_AREA', value: '3638700' },
          { name: 'jisX0402', value: '363871' },
        ],
      ],
      [
        '牟岐町',
        [
          { name: 'JMA_AREA', value: '3638300' },
          { name: 'jisX0402', value: '363839' },
        ],
      ],
    ]);
  });

  it('maps 解除 per kind as a lift', () => {
    const alert = parseAlert(fixture('jma-warning-lift.xml'));
    expect(alert.infos.map((i) => [i.event, i.issueOrLift, i.urgency])).toEqual([
      ['大雨警報', 'lift', 'Past'],
      ['洪水注意報', 'lift', 'Past'],
      ['暴風注意報', 'issue', 'Future'],
    ]);
  });

  it('never maps 訓練 or 試験 to Actual', () => {
    expect(parseAlert(fixture('jma-warning-drill.xml')).status).toBe('Exercise');
    expect(parseAlert(fixture('jma-warning-test.xml')).status).toBe('Test');
  });

  it('keys 訓練 and 試験 reports apart from the real one of the same title and time', () => {
    const real = parseAlert(fixture('jma-warning-issue.xml'));
    const drill = parseAlert(fixture('jma-warning-drill.xml'));
    const test = parseAlert(fixture('jma-warning-test.xml'));
    expect([drill.identifier, drill.series]).toEqual([
      'jma_訓練_徳島県気象警報・注意報_2026-11-24T09:05:00+09:00_発表',
      '訓練_徳島県気象警報・注意報',
    ]);
    expect([test.identifier, test.series]).toEqual([
      'jma_試験_徳島県気象警報・注意報_2026-11-24T09:05:00+09:00_発表',
      '試験_徳島県気象警報・注意報',
    ]);
    // A 取消 of the 試験 report names the 試験 report, not the real one.
    const testCancel = parseAlert(
      fixture('jma-warning-test.xml').replace('<InfoType>発表', '<InfoType>取消'),
    );
    expect(testCancel.references.map((r) => r.identifier)).toEqual([test.identifier]);
    // Whatever came first, the real report is new and in force; the drill's lift does not end it.
    const threads = createAlertThreads();
    expect(threads.receive(test).kind).toBe('new');
    expect(threads.receive(drill).kind).toBe('new');
    expect(threads.receive(real).kind).toBe('new');
    const drillLift = parseAlert(fixture('jma-warning-lift.xml').replace('<Status>通常', '<Status>訓練'));
    expect(threads.receive(drillLift)).toMatchObject({
      kind: 'updated',
      replaced: [{ identifier: drill.identifier }],
    });
    expect(threads.stateOf(real, new Date('2026-11-24T10:00:00+09:00'))).toBe('in-force');
  });

  it('maps 取消 to a Cancel of the 発表 with the same report time', () => {
    const alert = parseAlert(fixture('jma-warning-issue.xml').replace('<InfoType>発表', '<InfoType>取消'));
    expect(alert.msgType).toBe('Cancel');
    expect(alert.references).toEqual([
      {
        sender: 'jma:徳島地方気象台',
        identifier: 'jma_徳島県気象警報・注意報_2026-11-24T09:05:00+09:00_発表',
        sent: '2026-11-24T09:05:00+09:00',
      },
    ]);
  });

  it('rejects reports it does not read, and unknown statuses', () => {
    expect(() => parseAlert(fixture('jma-earthquake-unsupported.xml'))).toThrow(
      expect.objectContaining({ code: 'alert.format-unknown' }),
    );
    expect(() =>
      parseAlert(fixture('jma-warning-issue.xml').replace('<Status>通常', '<Status>臨時')),
    ).toThrow(/Control.Status "臨時"/);
  });
});
