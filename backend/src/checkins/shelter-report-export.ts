// Shelter status for L-Alert and for Excel. The XML follows the PCXML `Shelter` body (disaster spec §2.1:
// Information{Location{AreaName, Address}, Type, Sort, DateTime, NumberOf{HeadCount}, Households} + totals and
// capacity), without the EDXL-DE/SOAP envelope, which needs an L-Alert contract to fill. Sort is 開設 for a
// shelter someone checked in to and not closed, 閉鎖 for a closed one, 未開設 otherwise. The CSV is UTF-8
// with a BOM so that Excel on Japanese Windows reads it as UTF-8 and not Shift_JIS.
import type { ShelterStatus } from './view-contracts.ts';

const pcxmlNamespace = 'http://xml.publiccommons.ne.jp/pcxml1/body/shelter3';

export type ShelterSort = '開設' | '閉鎖' | '未開設';

export const sortOf = (shelter: ShelterStatus): ShelterSort =>
  shelter.status === 'closed' ? '閉鎖' : shelter.openedAt !== null ? '開設' : '未開設';

/** 避難所 (stay-in) or the L-Alert type for a flee-to site that is not run as a shelter. */
const typeOf = (shelter: ShelterStatus): string =>
  shelter.kind === 'evacuation-shelter' ? '避難所' : '一時避難場所_開設措置なし';

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

/** JST, as L-Alert writes times: 2026-11-24T15:30:00+09:00. */
const jst = (at: Date): string => `${new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`;

export function shelterReportXml(
  shelters: readonly ShelterStatus[],
  options: { areaName: string; now: Date },
): string {
  const information = shelters.map((s) =>
    [
      '  <Information>',
      `    <Location><AreaName>${escapeXml(s.name)}</AreaName><jisX0402>${s.localGovernmentCode}</jisX0402><ShelterId>${escapeXml(s.shelterId)}</ShelterId></Location>`,
      `    <Type>${typeOf(s)}</Type>`,
      `    <Sort>${sortOf(s)}</Sort>`,
      s.openedAt === null ? '' : `    <DateTime>${jst(new Date(s.openedAt))}</DateTime>`,
      `    <Capacity>${s.capacity ?? ''}</Capacity>`,
      `    <NumberOf><HeadCount>${s.people}</HeadCount><HeadCountVoluntary>0</HeadCountVoluntary></NumberOf>`,
      `    <Households><HouseholdCount>${s.households}</HouseholdCount><HouseholdCountVoluntary>0</HouseholdCountVoluntary></Households>`,
      '  </Information>',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
  const open = shelters.filter((s) => sortOf(s) === '開設');
  const sum = (f: (s: ShelterStatus) => number) => open.reduce((n, s) => n + f(s), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Shelter xmlns="${pcxmlNamespace}">`,
    `  <AreaName>${escapeXml(options.areaName)}</AreaName>`,
    `  <ReportDateTime>${jst(options.now)}</ReportDateTime>`,
    `  <TotalNumber><Shelters>${open.length}</Shelters><HeadCount>${sum((s) => s.people)}</HeadCount><Households>${sum((s) => s.households)}</Households></TotalNumber>`,
    ...information,
    '</Shelter>',
    '',
  ].join('\n');
}

const csvColumns = [
  '避難所ID',
  '全国地方公共団体コード',
  '避難所名',
  '種別',
  '開設状況',
  '開設日時',
  '想定収容人数',
  '避難者数',
  '避難世帯数',
  '要確認',
  '未照合',
] as const;

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 lines (CRLF), UTF-8 with a BOM. */
export function shelterReportCsv(shelters: readonly ShelterStatus[]): string {
  const lines = [
    csvColumns.join(','),
    ...shelters.map((s) =>
      [
        s.shelterId,
        s.localGovernmentCode,
        s.name,
        typeOf(s),
        sortOf(s),
        s.openedAt === null ? null : jst(new Date(s.openedAt)),
        s.capacity,
        s.people,
        s.households,
        s.flagged,
        s.unresolved,
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
