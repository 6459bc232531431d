// The export's shapes without a database: Sort from the shelter's state, XML text escaped, CSV cells quoted
// (RFC 4180) behind a UTF-8 BOM, JST times.
import { describe, expect, it } from 'vitest';
import { shelterReportCsv, shelterReportXml, sortOf } from './shelter-report-export.ts';
import type { ShelterStatus } from './view-contracts.ts';

const shelter = (overrides: Partial<ShelterStatus> = {}): ShelterStatus => ({
  shelterId: 'E3638700058111',
  name: '日和佐小学校',
  kind: 'evacuation-shelter',
  localGovernmentCode: '363871',
  status: 'open',
  capacity: 200,
  capacityText: '200人',
  people: 12,
  households: 5,
  flagged: 1,
  unresolved: 2,
  openedAt: '2026-11-24T06:30:00.000Z',
  ...overrides,
});

describe('shelter report export', () => {
  it('says 開設, 閉鎖 or 未開設', () => {
    expect(sortOf(shelter())).toBe('開設');
    expect(sortOf(shelter({ status: 'closed' }))).toBe('閉鎖');
    expect(sortOf(shelter({ openedAt: null, people: 0 }))).toBe('未開設');
  });

  it('writes the PCXML Shelter body with escaped names and totals of the open shelters', () => {
    const xml = shelterReportXml(
      [shelter({ name: 'A&B <体育館>' }), shelter({ status: 'closed', people: 3 })],
      {
        areaName: '美波町',
        now: new Date('2026-11-24T07:00:00Z'),
      },
    );
    expect(xml).toContain('<AreaName>A&amp;B &lt;体育館&gt;</AreaName>');
    expect(xml).toContain('<ReportDateTime>2026-11-24T16:00:00+09:00</ReportDateTime>');
    expect(xml).toContain('<DateTime>2026-11-24T15:30:00+09:00</DateTime>');
    expect(xml).toContain(
      '<TotalNumber><Shelters>1</Shelters><HeadCount>12</HeadCount><Households>5</Households>',
    );
    expect(xml.match(/<Sort>/g)).toHaveLength(2);
  });

  it('writes CSV with a BOM, CRLF and quoted cells', () => {
    const csv = shelterReportCsv([shelter({ name: '公民館, "東"', capacity: null })]);
    expect(csv.startsWith('\uFEFF避難所ID,')).toBe(true);
    const [, row] = csv.slice(1).split('\r\n');
    expect(row).toBe(
      'E3638700058111,363871,"公民館, ""東""",避難所,開設,2026-11-24T15:30:00+09:00,,12,5,1,2',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
