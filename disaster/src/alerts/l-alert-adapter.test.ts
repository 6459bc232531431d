import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlert } from './parse-alert.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe('L-Alert adapter', () => {
  it('maps an EvacuationOrder issue: one info per Detail, levels from Sort, 町字 codes, both circle notations', () => {
    const alert = parseAlert(fixture('l-alert-evacuation-issue.xml'));
    expect(alert).toMatchObject({
      source: 'l-alert',
      identifier: '36387-EVAC-20261124-0001#1',
      sender: 'minami-town@l-alert.example.jp',
      sent: '2026-11-24T10:00:00+09:00',
      status: 'Actual',
      msgType: 'Alert',
      references: [],
      series: '36387-EVAC-20261124-0001',
      problems: [],
    });
    expect(alert.infos.map((i) => [i.event, i.level, i.issueOrLift, i.urgency])).toEqual([
      ['避難指示', 4, 'issue', 'Immediate'],
      ['高齢者等避難', 3, 'issue', 'Immediate'],
    ]);
    const [hiwasa, okugawachi] = alert.infos[0]?.areas ?? [];
    expect(hiwasa?.circles).toEqual([{ center: { lat: 33.7762, lon: 134.5982 }, radiusKm: 0.8 }]);
    expect(hiwasa?.geocodes).toContainEqual({ name: 'MACHIAZA_ID', value: '363870001001' });
    expect(okugawachi?.circles[0]?.radiusKm).toBe(0.5);
    expect(okugawachi?.polygons[0]).toHaveLength(5);
    expect(alert.infos[0]?.expires).toBe('2026-11-25T10:00:00+09:00');
    expect(alert.infos[0]?.parameters).toContainEqual({ name: 'DisasterName', value: '令和8年11月大雨' });
  });

  it('maps a lift (解除) as the next revision of the same document', () => {
    const alert = parseAlert(fixture('l-alert-evacuation-lift.xml'));
    expect(alert).toMatchObject({
      identifier: '36387-EVAC-20261124-0001#2',
      msgType: 'Update',
      references: [
        { sender: 'minami-town@l-alert.example.jp', identifier: '36387-EVAC-20261124-0001#1', sent: null },
      ],
    });
    expect(alert.infos.map((i) => [i.event, i.level, i.issueOrLift, i.responseType])).toEqual([
      ['避難指示', 4, 'lift', ['AllClear']],
      ['高齢者等避難', 3, 'lift', ['AllClear']],
    ]);
  });

  it('maps a Shelter report without a SOAP envelope: 開設 issue, 閉鎖 lift, target-area code', () => {
    const alert = parseAlert(fixture('l-alert-shelter.xml'));
    expect(alert.infos.map((i) => [i.event, i.issueOrLift, i.level])).toEqual([
      ['避難所開設', 'issue', null],
      ['避難所閉鎖', 'lift', null],
    ]);
    expect(alert.infos[0]?.parameters).toContainEqual({ name: 'headCount', value: '24' });
    expect(alert.infos[0]?.areas[0]).toMatchObject({
      desc: '日和佐小学校',
      circles: [{ center: { lat: 33.7733, lon: 134.5868 }, radiusKm: 0 }],
      geocodes: [{ name: 'jisX0402', value: '363871' }],
    });
  });

  it('a drill stays a drill when either the envelope or the PCXML Control says so', () => {
    const issue = fixture('l-alert-evacuation-issue.xml');
    const envelope = issue.replace(
      '<distributionStatus>Actual</distributionStatus>',
      '<distributionStatus>Exercise</distributionStatus>',
    );
    expect(parseAlert(envelope).status).toBe('Exercise');
    const control = issue.replace(
      '<Title>EvacuationOrder</Title>\n                  <distributionStatus>Actual',
      '<Title>EvacuationOrder</Title>\n                  <distributionStatus>Test',
    );
    expect(control).not.toBe(issue);
    expect(parseAlert(control).status).toBe('Test');
  });

  it('uses the target area when a Detail names no place, and rejects bad content clearly', () => {
    const noPlace = fixture('l-alert-evacuation-issue.xml').replace(
      /<Location>\s*<areaName>木岐[\s\S]*?<\/Location>/,
      '<Location><areaName>木岐</areaName></Location>',
    );
    expect(parseAlert(noPlace).infos[1]?.areas[0]).toMatchObject({
      desc: '徳島県美波町',
      geocodes: [{ name: 'jisX0402', value: '363871' }],
    });
    const issue = fixture('l-alert-evacuation-issue.xml');
    expect(() => parseAlert(issue.replace(/<IssueOrLift>発令/, '<IssueOrLift>継続'))).toThrow(/発令 or 解除/);
    expect(() =>
      parseAlert(issue.replace(/EvacuationOrder<\/commons:category>/, 'RainFall</commons:category>')),
    ).toThrow(expect.objectContaining({ code: 'alert.format-unknown' }));
    expect(() =>
      parseAlert(issue.replace(/<commons:documentRevision>1</, '<commons:documentRevision>x<')),
    ).toThrow(/documentRevision "x"/);
  });
});
