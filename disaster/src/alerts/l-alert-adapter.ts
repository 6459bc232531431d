// L-Alert (Lアラート) → the alert model. Transport: a SOAP `publish` wrapping an EDXL-DE 1.0
// EDXLDistribution with the Commons extension (targetArea, contentObject: documentID, documentRevision,
// category, CAP urgency/severity/certainty); body: a PCXML `Report` (Control, Head, Body) of category
// EvacuationOrder or Shelter (disaster spec §2.1). Element names are read by local name within the known
// namespaces; the exact nesting of Commons elements differs between samples, so Commons fields are taken
// from contentObject's children in either the EDXL-DE or the Commons namespace.
import type { Element } from '@xmldom/xmldom';
import { AlertError } from './alert-error.ts';
import { levelOfEvacuationName } from './alert-levels.ts';
import {
  type Alert,
  type AlertInfo,
  type AlertProblem,
  type AlertStatus,
  alertStatuses,
  certainties,
  type Geocode,
  geocodeSystems,
  type IssueOrLift,
  type MsgType,
  type NamedValue,
  severities,
  urgencies,
} from './alert-model.ts';
import { buildArea, checkInfoHasArea, type RawArea } from './build-area.ts';
import { capToken, dateTime, oneOf, optionalDateTime, required } from './content-fields.ts';
import { childElement, childElements, textOf } from './xml-dom.ts';

export const lAlertNamespaces = {
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  publish: 'http://soap.publiccommons.ne.jp/',
  edxl: 'urn:oasis:names:tc:emergency:EDXL:DE:1.0',
  commons: 'http://xml.publiccommons.ne.jp/xml/edxl/',
} as const;

/** PCXML versions read (pcxml1/4 current, pcxml1/3 older). */
const pcxmlNamespace = /^http:\/\/xml\.publiccommons\.ne\.jp\/pcxml1\/[34](?:\/|$)/;

const isPcxml = (element: Element) => pcxmlNamespace.test(element.namespaceURI ?? '');

/** Children of a PCXML element by local name (PCXML sub-parts may sit in their own pcxml1/4/… namespace). */
function pc(parent: Element | null, name: string): Element[] {
  if (parent === null) return [];
  return childElements(parent, null, name).filter(isPcxml);
}
const pc1 = (parent: Element | null, name: string) => pc(parent, name)[0] ?? null;
const pcText = (parent: Element | null, name: string) => textOf(pc1(parent, name));

/** The EDXLDistribution of a SOAP envelope (Envelope/Body/publish/EDXLDistribution) or the root itself. */
function findDistribution(root: Element): Element {
  if (root.namespaceURI === lAlertNamespaces.edxl && root.localName === 'EDXLDistribution') return root;
  const soap = root.namespaceURI ?? '';
  const body = childElement(root, soap, 'Body');
  const publish = body && childElement(body, lAlertNamespaces.publish, 'publish');
  const distribution = publish && childElement(publish, lAlertNamespaces.edxl, 'EDXLDistribution');
  if (!distribution) {
    throw new AlertError(
      'alert.format-unknown',
      'SOAP message without Body/publish/EDXLDistribution in the L-Alert namespaces',
    );
  }
  return distribution;
}

const edxlOrCommons = (element: Element) =>
  element.namespaceURI === lAlertNamespaces.edxl || element.namespaceURI === lAlertNamespaces.commons;

function field(parent: Element | null, name: string): string | null {
  if (parent === null) return null;
  return textOf(childElements(parent, null, name).find(edxlOrCommons) ?? null);
}

/** The PCXML Report inside a contentObject (xmlContent/embeddedXMLContent/Report in the samples). */
function findReport(contentObject: Element): Element {
  const queue: Element[] = [contentObject];
  for (let element = queue.shift(); element !== undefined; element = queue.shift()) {
    if (element.localName === 'Report' && isPcxml(element)) return element;
    queue.push(...childElements(element, null));
  }
  throw new AlertError('alert.format-unknown', 'L-Alert contentObject carries no PCXML Report');
}

function msgTypeOf(distributionType: string, revision: number): MsgType {
  switch (distributionType) {
    case 'Report':
      return revision > 1 ? 'Update' : 'Alert';
    case 'Update':
    case 'Cancel':
    case 'Ack':
    case 'Error':
      return distributionType;
    default:
      throw new AlertError(
        'alert.content-invalid',
        `distributionType "${distributionType.slice(0, 30)}" is not Report, Update or Cancel`,
      );
  }
}

/** The less "real" of two statuses: a drill stays a drill if either layer says so. */
function leastReal(a: AlertStatus, b: AlertStatus | null): AlertStatus {
  if (b === null || b === a) return a;
  return a === 'Actual' ? b : a;
}

function locationGeocodes(location: Element): Geocode[] {
  const codes: Geocode[] = [];
  for (const element of pc(location, 'jisX0402')) {
    const value = textOf(element);
    if (value) codes.push({ name: geocodeSystems.localGovernment, value });
  }
  for (const element of pc(location, 'ooAzaTyouTyouMokuCode')) {
    const value = textOf(element);
    if (value) codes.push({ name: geocodeSystems.machiaza, value });
  }
  return codes;
}

function rawArea(location: Element, fallbackName: string): RawArea {
  return {
    desc: pcText(location, 'areaName') ?? pcText(location, 'AreaName') ?? fallbackName,
    polygons: pc(location, 'polygon').map((p) => p.textContent ?? ''),
    circles: pc(location, 'circle').map((c) => c.textContent ?? ''),
    geocodes: locationGeocodes(location),
  };
}

interface Common {
  urgency: AlertInfo['urgency'];
  severity: AlertInfo['severity'];
  certainty: AlertInfo['certainty'];
  headline: string | null;
  description: string | null;
  expires: string | null;
  /** The distribution's targetArea, used when a Detail names no area of its own. */
  target: RawArea;
}

function baseInfo(common: Common, event: string): Omit<AlertInfo, 'areas' | 'level' | 'issueOrLift'> {
  return {
    language: 'ja-JP',
    category: ['Safety'],
    event,
    responseType: [],
    urgency: common.urgency,
    severity: common.severity,
    certainty: common.certainty,
    senderName: null,
    headline: common.headline,
    description: common.description,
    instruction: null,
    effective: null,
    onset: null,
    expires: common.expires,
    eventCodes: [],
    parameters: [],
    resources: [],
  };
}

const hasPlace = (raw: RawArea) => raw.polygons.length + raw.circles.length + raw.geocodes.length > 0;

function issueOrLiftOf(text: string | null, where: string): IssueOrLift {
  if (text === '発令') return 'issue';
  if (text === '解除') return 'lift';
  throw new AlertError('alert.content-invalid', `${where}.IssueOrLift "${text ?? ''}" is not 発令 or 解除`);
}

function evacuationInfos(body: Element, common: Common, problems: AlertProblem[]): AlertInfo[] {
  const disasterName = pcText(pc1(body, 'Disaster'), 'DisasterName');
  return pc(body, 'Detail').map((detail, index) => {
    const where = `infos[${index}]`;
    const sort = required(pcText(detail, 'Sort'), `${where}.Sort`);
    const issueOrLift = issueOrLiftOf(pcText(detail, 'IssueOrLift'), where);
    const raws = pc(pc1(detail, 'Areas'), 'Area').flatMap((area) =>
      pc(area, 'Location').map((location) => rawArea(location, '')),
    );
    const usable = raws.filter(hasPlace);
    const parameters: NamedValue[] = [
      { name: 'issueOrLift', value: issueOrLift === 'issue' ? '発令' : '解除' },
    ];
    if (disasterName) parameters.push({ name: 'DisasterName', value: disasterName });
    const info: AlertInfo = {
      ...baseInfo(common, sort),
      responseType: issueOrLift === 'lift' ? ['AllClear'] : ['Evacuate'],
      level: levelOfEvacuationName(sort),
      issueOrLift,
      parameters,
      areas: (usable.length > 0 ? raws : hasPlace(common.target) ? [common.target] : raws).map((raw, i) =>
        buildArea(raw, `${where}.areas[${i}]`, problems),
      ),
    };
    checkInfoHasArea(info, where, problems);
    return info;
  });
}

const closedSorts = new Set(['閉鎖']);

function shelterInfos(body: Element, common: Common, problems: AlertProblem[]): AlertInfo[] {
  return pc(body, 'Information').map((information, index) => {
    const where = `infos[${index}]`;
    const location = pc1(information, 'Location');
    const sort = required(pcText(information, 'Sort'), `${where}.Sort`);
    const type = pcText(information, 'Type') ?? '避難所';
    const parameters: NamedValue[] = [
      { name: 'shelterType', value: type },
      { name: 'shelterSort', value: sort },
    ];
    const address = pcText(location, 'Address');
    if (address) parameters.push({ name: 'address', value: address });
    const headCount = pcText(pc1(information, 'NumberOf'), 'HeadCount');
    if (headCount) parameters.push({ name: 'headCount', value: headCount });
    const raw = location ? rawArea(location, '') : { ...common.target };
    // A shelter is a place: when it has no code of its own, it is in the distribution's target area.
    if (raw.geocodes.length === 0) raw.geocodes = [...common.target.geocodes];
    const info: AlertInfo = {
      ...baseInfo(common, `${type}${sort}`),
      responseType: [],
      level: null,
      issueOrLift: closedSorts.has(sort) ? 'lift' : 'issue',
      parameters,
      areas: [buildArea(raw, `${where}.areas[0]`, problems)],
    };
    checkInfoHasArea(info, where, problems);
    return info;
  });
}

export function mapLAlert(root: Element): Alert {
  const distribution = findDistribution(root);
  const problems: AlertProblem[] = [];
  const contentObject = childElements(distribution, null, 'contentObject').find(edxlOrCommons);
  if (!contentObject) throw new AlertError('alert.content-invalid', 'EDXLDistribution has no contentObject');
  const report = findReport(contentObject);
  const control = pc1(report, 'Control');
  const head = pc1(report, 'Head');
  const body = pc1(report, 'Body');
  if (!control || !head || !body) {
    throw new AlertError('alert.content-invalid', 'PCXML Report needs Control, Head and Body');
  }

  const documentId = required(field(contentObject, 'documentID') ?? pcText(head, 'documentID'), 'documentID');
  const revisionText = required(
    field(contentObject, 'documentRevision') ?? pcText(head, 'documentRevision'),
    'documentRevision',
  );
  if (!/^\d+$/.test(revisionText) || Number(revisionText) < 1) {
    throw new AlertError(
      'alert.content-invalid',
      `documentRevision "${revisionText.slice(0, 20)}" is not 1, 2, …`,
    );
  }
  const revision = Number(revisionText);
  const previousText =
    field(contentObject, 'previousDocumentRevision') ?? pcText(head, 'previousDocumentRevision');
  const previous = previousText !== null && /^\d+$/.test(previousText) ? Number(previousText) : revision - 1;
  const sender = capToken(field(distribution, 'senderID'), 'senderID');
  const identifier = capToken(`${documentId}#${revision}`, 'documentID');
  const msgType = msgTypeOf(required(field(distribution, 'distributionType'), 'distributionType'), revision);
  const edxlStatus = oneOf(field(distribution, 'distributionStatus'), alertStatuses, 'distributionStatus');
  const controlStatusText = pcText(control, 'distributionStatus');
  const status = leastReal(
    edxlStatus,
    controlStatusText === null ? null : oneOf(controlStatusText, alertStatuses, 'Control.distributionStatus'),
  );

  const targetArea = childElements(distribution, null, 'targetArea').find(edxlOrCommons) ?? null;
  const targetCodes = targetArea
    ? childElements(targetArea, null, 'jisX0402')
        .filter(edxlOrCommons)
        .map((element) => textOf(element))
        .filter((value): value is string => value !== null)
    : [];
  const common: Common = {
    urgency: oneOf(field(contentObject, 'urgency') ?? 'Unknown', urgencies, 'urgency'),
    severity: oneOf(field(contentObject, 'severity') ?? 'Unknown', severities, 'severity'),
    certainty: oneOf(field(contentObject, 'certainty') ?? 'Unknown', certainties, 'certainty'),
    headline: pcText(pc1(head, 'Headline'), 'Text') ?? field(contentObject, 'contentDescription'),
    description: pcText(body, 'ComplementaryInfo'),
    expires: optionalDateTime(pcText(head, 'ValidDateTime'), 'ValidDateTime'),
    target: {
      desc: field(targetArea, 'areaName') ?? '',
      polygons: [],
      circles: [],
      geocodes: targetCodes.map((value) => ({ name: geocodeSystems.localGovernment, value })),
    },
  };

  const category = field(contentObject, 'category') ?? pcText(control, 'Title');
  let infos: AlertInfo[];
  if (category === 'EvacuationOrder') infos = evacuationInfos(body, common, problems);
  else if (category === 'Shelter') infos = shelterInfos(body, common, problems);
  else {
    throw new AlertError(
      'alert.format-unknown',
      `L-Alert category "${(category ?? '').slice(0, 40)}" is not read (EvacuationOrder and Shelter are)`,
    );
  }
  return {
    source: 'l-alert',
    identifier,
    sender,
    sent: dateTime(field(distribution, 'dateTimeSent') ?? pcText(head, 'ReportDateTime'), 'dateTimeSent'),
    status,
    msgType,
    scope: 'Public',
    references:
      revision > 1 && previous >= 1 ? [{ sender, identifier: `${documentId}#${previous}`, sent: null }] : [],
    series: documentId,
    note: null,
    signature: { present: false, valid: false, signer: null },
    infos,
    problems,
  };
}
