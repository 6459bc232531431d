// JMA 防災情報XML weather warnings (VPWW54 "気象警報・注意報（Ｈ２７）" and the newer "気象特別警報・警報・注意報")
// → the alert model (disaster spec §2.3). One info per warning kind and issue/lift, its areas the 市町村等
// listed for it. Control/Status 訓練 → Exercise and 試験 → Test: never Actual, whatever the text says.
import type { Element } from '@xmldom/xmldom';
import { AlertError } from './alert-error.ts';
import { levelOfJmaKind } from './alert-levels.ts';
import {
  type Alert,
  type AlertInfo,
  type AlertProblem,
  type AlertReference,
  type AlertStatus,
  type Geocode,
  geocodeSystems,
  type IssueOrLift,
  type MsgType,
} from './alert-model.ts';
import { isJmaAreaCode, jmaAreaToLocalGovernment } from './area-codes.ts';
import { buildArea, checkInfoHasArea } from './build-area.ts';
import { capToken, dateTime, optionalDateTime, required } from './content-fields.ts';
import { childElement, childElements, childText, descend } from './xml-dom.ts';

export const jmaNamespaces = {
  report: 'http://xml.kishou.go.jp/jmaxml1/',
  head: 'http://xml.kishou.go.jp/jmaxml1/informationBasis1/',
  meteorology: 'http://xml.kishou.go.jp/jmaxml1/body/meteorology1/',
} as const;

const statuses: Record<string, AlertStatus> = { 通常: 'Actual', 訓練: 'Exercise', 試験: 'Test' };
const infoTypes: Record<string, MsgType> = { 発表: 'Alert', 訂正: 'Update', 取消: 'Cancel' };

/** Per-area kind statuses that end a warning; なし (none) is skipped, every other status means in force. */
const liftStatuses = new Set(['解除']);
const absentStatuses = new Set(['なし']);

/** Warnings per 市町村等 (the targeting level); the prefecture-level block repeats them coarser. */
const municipalWarning = /市町村等/;

function grade(kind: string, issueOrLift: IssueOrLift) {
  if (issueOrLift === 'lift') return { urgency: 'Past', severity: 'Minor', certainty: 'Observed' } as const;
  if (kind.includes('特別警報'))
    return { urgency: 'Immediate', severity: 'Extreme', certainty: 'Likely' } as const;
  if (kind.includes('警報') || kind.includes('警戒情報'))
    return { urgency: 'Expected', severity: 'Severe', certainty: 'Likely' } as const;
  return { urgency: 'Future', severity: 'Moderate', certainty: 'Possible' } as const;
}

function areaGeocodes(code: string | null): Geocode[] {
  if (code === null) return [];
  const codes: Geocode[] = [{ name: geocodeSystems.jmaArea, value: code }];
  if (isJmaAreaCode(code)) {
    codes.push({ name: geocodeSystems.localGovernment, value: jmaAreaToLocalGovernment(code) });
  }
  return codes;
}

const compact = (text: string) => text.replace(/[\s,<&]+/g, '');

export function mapJma(root: Element): Alert {
  const control = childElement(root, jmaNamespaces.report, 'Control');
  const head = childElement(root, jmaNamespaces.head, 'Head');
  const body = childElement(root, jmaNamespaces.meteorology, 'Body');
  const title = control ? childText(control, jmaNamespaces.report, 'Title') : null;
  const warnings = body
    ? childElements(body, jmaNamespaces.meteorology, 'Warning').filter((w) =>
        municipalWarning.test(w.getAttribute('type') ?? ''),
      )
    : [];
  if (!control || !head || !body || warnings.length === 0) {
    throw new AlertError(
      'alert.format-unknown',
      `JMA report "${(title ?? '').slice(0, 40)}" is not a weather warning with 市町村等 areas (VPWW54)`,
    );
  }
  const statusText = required(childText(control, jmaNamespaces.report, 'Status'), 'Control.Status');
  const status = statuses[statusText];
  if (!status)
    throw new AlertError('alert.content-invalid', `Control.Status "${statusText}" is not 通常, 訓練 or 試験`);
  const infoTypeText = required(childText(head, jmaNamespaces.head, 'InfoType'), 'Head.InfoType');
  const msgType = infoTypes[infoTypeText];
  if (!msgType)
    throw new AlertError(
      'alert.content-invalid',
      `Head.InfoType "${infoTypeText}" is not 発表, 訂正 or 取消`,
    );
  const office = required(
    childText(control, jmaNamespaces.report, 'PublishingOffice'),
    'Control.PublishingOffice',
  );
  const headTitle = required(childText(head, jmaNamespaces.head, 'Title'), 'Head.Title');
  const sent = dateTime(childText(head, jmaNamespaces.head, 'ReportDateTime'), 'Head.ReportDateTime');
  const sender = capToken(`jma:${compact(office)}`, 'PublishingOffice');
  // A 訓練 or 試験 report is named like the real one (same title and time): its status goes into its key and
  // its series, so it never collides with, supersedes or is taken for the real report (real keys unchanged).
  const marked = status === 'Actual' ? compact(headTitle) : `${statusText}_${compact(headTitle)}`;
  const base = `jma_${marked}_${sent}`;
  // 訂正 and 取消 keep the ReportDateTime of the report they correct (JMA rule; UNCONFIRMED in a primary
  // source), so the original's identifier is known from the correction itself.
  const references: AlertReference[] =
    msgType === 'Alert' ? [] : [{ sender, identifier: `${base}_発表`, sent }];

  const problems: AlertProblem[] = [];
  // Group areas by (kind, issue/lift) in first-seen order.
  const groups = new Map<string, { kind: string; issueOrLift: IssueOrLift; areas: Element[] }>();
  for (const warning of warnings) {
    for (const item of childElements(warning, jmaNamespaces.meteorology, 'Item')) {
      const area = childElement(item, jmaNamespaces.meteorology, 'Area');
      if (!area) continue;
      for (const kind of childElements(item, jmaNamespaces.meteorology, 'Kind')) {
        const name = childText(kind, jmaNamespaces.meteorology, 'Name');
        const kindStatus = childText(kind, jmaNamespaces.meteorology, 'Status') ?? '発表';
        if (name === null || absentStatuses.has(kindStatus)) continue;
        const issueOrLift: IssueOrLift = liftStatuses.has(kindStatus) ? 'lift' : 'issue';
        const key = `${name}\u0000${issueOrLift}`;
        const group = groups.get(key) ?? { kind: name, issueOrLift, areas: [] };
        group.areas.push(area);
        groups.set(key, group);
      }
    }
  }
  const headline = descend(head, jmaNamespaces.head, 'Headline', 'Text')?.textContent?.trim() || null;
  const expires = optionalDateTime(
    childText(head, jmaNamespaces.head, 'ValidDateTime'),
    'Head.ValidDateTime',
  );
  const infos = [...groups.values()].map(({ kind, issueOrLift, areas }, index): AlertInfo => {
    const where = `infos[${index}]`;
    const info: AlertInfo = {
      language: 'ja-JP',
      category: ['Met'],
      event: kind,
      responseType: issueOrLift === 'lift' ? ['AllClear'] : ['Monitor'],
      ...grade(kind, issueOrLift),
      level: levelOfJmaKind(kind),
      issueOrLift,
      senderName: office,
      headline,
      description: null,
      instruction: null,
      effective: null,
      onset: null,
      expires,
      eventCodes: [],
      parameters: [{ name: 'issueOrLift', value: issueOrLift === 'issue' ? '発表' : '解除' }],
      resources: [],
      areas: areas.map((area, i) =>
        buildArea(
          {
            desc: childText(area, jmaNamespaces.meteorology, 'Name') ?? '',
            polygons: [],
            circles: [],
            geocodes: areaGeocodes(childText(area, jmaNamespaces.meteorology, 'Code')),
          },
          `${where}.areas[${i}]`,
          problems,
        ),
      ),
    };
    checkInfoHasArea(info, where, problems);
    return info;
  });
  return {
    source: 'jma',
    identifier: capToken(`${base}_${infoTypeText}`, 'identifier'),
    sender,
    sent,
    status,
    msgType,
    scope: 'Public',
    references,
    series: marked,
    note: null,
    signature: { present: false, valid: false, signer: null },
    infos,
    problems,
  };
}
