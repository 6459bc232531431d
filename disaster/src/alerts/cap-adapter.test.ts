import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAlert } from './parse-alert.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const problemCodes = (xml: string) =>
  parseAlert(xml).problems.map((p) => `${p.where} ${p.severity}:${p.code}`);

describe('CAP 1.2 adapter', () => {
  it('maps a single-info alert with a polygon, geocodes and a 警戒レベル parameter', () => {
    const alert = parseAlert(fixture('cap-evacuation-polygon.xml'));
    expect(alert).toMatchObject({
      source: 'cap',
      identifier: 'JP-363871-20261124-0001',
      sender: 'bousai@town.minami.example.jp',
      sent: '2026-11-24T10:00:00+09:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
      signature: { present: false, valid: false, signer: null },
      problems: [],
    });
    const info = alert.infos[0];
    expect(info).toMatchObject({
      language: 'ja-JP',
      category: ['Geo', 'Safety'],
      event: '避難指示',
      level: 4,
      issueOrLift: 'issue',
      expires: '2026-11-24T22:00:00+09:00',
    });
    expect(info?.areas[0]?.polygons[0]).toHaveLength(5);
    expect(info?.areas[0]?.geocodes).toEqual([
      { name: 'jisX0402', value: '363871' },
      { name: 'MACHIAZA_ID', value: '363870001001' },
    ]);
  });

  it('keeps several infos and languages, circles in km with radius 0 as a point', () => {
    const alert = parseAlert(fixture('cap-multilingual-circle.xml'));
    expect(alert.infos.map((i) => [i.language, i.level])).toEqual([
      ['ja-JP', 5],
      ['en-US', 5],
    ]);
    expect(alert.infos[0]?.areas.map((a) => a.circles[0]?.radiusKm)).toEqual([1.5, 0]);
  });

  it('reads the cap: prefix the same, with levels from event names and parameters', () => {
    const alert = parseAlert(fixture('cap-prefixed-multi-info.xml'));
    expect(alert.status).toBe('Exercise');
    expect(alert.note).toBe('令和8年度 美波町総合防災訓練');
    expect(alert.infos.map((i) => [i.event, i.level])).toEqual([
      ['高齢者等避難', 3],
      ['大雨注意報', 2],
    ]);
    expect(alert.infos[0]?.resources[0]).toMatchObject({ mimeType: 'image/png', size: 12 });
    expect(alert.infos[0]?.resources[0]?.derefUri).toBe('iVBORw0KGgoAAAANSUhEUg==');
  });

  it('drops inline resource content over the cap and keeps the resource', () => {
    const alert = parseAlert(fixture('cap-prefixed-multi-info.xml'), { maxResourceBytes: 8 });
    expect(alert.infos[0]?.resources[0]).toMatchObject({ desc: '避難所地図', derefUri: null });
    expect(alert.problems.map((p) => p.code)).toEqual(['resource.too-large']);
  });

  it('reads references triplets and 解除 (lift) from a parameter or AllClear', () => {
    const update = parseAlert(fixture('cap-update.xml'));
    expect(update.references).toEqual([
      {
        sender: 'bousai@town.minami.example.jp',
        identifier: 'JP-363871-20261124-0001',
        sent: '2026-11-24T10:00:00+09:00',
      },
    ]);
    expect(parseAlert(fixture('cap-update-2.xml')).infos[0]?.issueOrLift).toBe('lift');
    const cancel = parseAlert(fixture('cap-cancel.xml'));
    expect([cancel.msgType, cancel.infos.length]).toEqual(['Cancel', 0]);
  });

  it('flags invalid coordinates part by part and keeps what is sound', () => {
    expect(problemCodes(fixture('cap-invalid-coordinates.xml'))).toEqual([
      'infos[0].areas[0].polygons[0] error:coordinates.swapped',
      'infos[0].areas[1].polygons[0] warning:polygon.open',
      'infos[0].areas[2].polygons[0] error:polygon.self-intersecting',
      'infos[0].areas[3].polygons[0] error:coordinates.invalid',
      'infos[0].areas[3].polygons[1] error:coordinates.invalid',
      'infos[0].areas[3].circles[0] error:circle.invalid',
      'infos[0].areas[3].circles[1] error:coordinates.swapped',
    ]);
    const areas = parseAlert(fixture('cap-invalid-coordinates.xml')).infos[0]?.areas ?? [];
    expect(areas.map((a) => a.polygons.length + a.circles.length)).toEqual([0, 1, 0, 0]);
  });

  it('flags an alert with no area and one whose every shape was dropped', () => {
    expect(problemCodes(fixture('cap-no-area.xml'))).toEqual(['infos[0] warning:area.none']);
    const onlyBad = fixture('cap-invalid-coordinates.xml').replace(
      /<area>\s*<areaDesc>open[\s\S]*?<\/area>/,
      '',
    );
    expect(problemCodes(onlyBad)).toContain('infos[0] warning:area.none');
  });

  it('keeps and flags an unknown geocode system, drops an invalid known code', () => {
    const alert = parseAlert(fixture('cap-unknown-geocode.xml'));
    expect(alert.infos[0]?.areas[0]?.geocodes).toEqual([{ name: 'SAME', value: '036387' }]);
    expect(alert.problems.map((p) => `${p.severity}:${p.code}`)).toEqual([
      'warning:geocode.unknown-system',
      'error:geocode.invalid',
    ]);
  });

  it('rejects missing or invalid required content with the field named', () => {
    expect(() => parseAlert(fixture('cap-missing-field.xml'))).toThrow(/status "Real" is not one of/);
    const base = fixture('cap-evacuation-polygon.xml');
    expect(() => parseAlert(base.replace(/<urgency>.*<\/urgency>/, ''))).toThrow(
      /infos\[0\]\.urgency is missing/,
    );
    expect(() => parseAlert(base.replace('<sent>2026-11-24T10:00:00+09:00', '<sent>yesterday'))).toThrow(
      /sent "yesterday"/,
    );
    expect(() => parseAlert(base.replace('JP-363871-20261124-0001', 'two words'))).toThrow(
      /identifier contains/,
    );
    const selfReference = fixture('cap-update.xml').replace(
      '<references>bousai@town.minami.example.jp,JP-363871-20261124-0001,',
      '<references>bousai@town.minami.example.jp,JP-363871-20261124-0001-U1,',
    );
    expect(() => parseAlert(selfReference)).toThrow(/names the message itself/);
    expect(() => parseAlert(fixture('cap-cancel.xml').replace(/<references>.*<\/references>/, ''))).toThrow(
      /Cancel must name what it refers to/,
    );
  });

  it('normalises Z and fractional seconds to CAP form', () => {
    const alert = parseAlert(
      fixture('cap-evacuation-polygon.xml').replace(
        '<sent>2026-11-24T10:00:00+09:00',
        '<sent>2026-11-24T01:00:00.250Z',
      ),
    );
    expect(alert.sent).toBe('2026-11-24T01:00:00-00:00');
  });
});
