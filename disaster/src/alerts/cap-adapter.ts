// CAP 1.2 → the alert model. Elements are found by namespace and local name, so `<cap:alert>` and `<alert>`
// read the same; CAP's strict element order is not required (real senders break it, spec §1.5). The
// signature is verified elsewhere (xml-signature.ts), on the same text, before this mapping is used.
import type { Element } from '@xmldom/xmldom';
import { AlertError } from './alert-error.ts';
import { levelOfEvacuationName, parseLevel } from './alert-levels.ts';
import {
  type Alert,
  type AlertInfo,
  type AlertProblem,
  type AlertReference,
  type AlertResource,
  alertStatuses,
  categories,
  certainties,
  type IssueOrLift,
  msgTypes,
  type NamedValue,
  responseTypes,
  type SignatureOutcome,
  scopes,
  severities,
  urgencies,
} from './alert-model.ts';
import { buildArea, checkInfoHasArea } from './build-area.ts';
import { capToken, dateTime, oneOf, optionalDateTime, required } from './content-fields.ts';
import { childElements, childText, textOf } from './xml-dom.ts';

export const capNamespace = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapOptions {
  /** Inline resource content (derefUri) above this many bytes is dropped, the resource kept. */
  maxResourceBytes: number;
}

/** Parameter names that carry the 警戒レベル and 発令/解除 in CAP from Japanese senders (our profile). */
const capParameterNames = {
  level: ['警戒レベル', 'alertLevel'],
  issueOrLift: ['発令解除', 'issueOrLift'],
} as const;

const ns = capNamespace;

function namedValues(parent: Element, name: string): NamedValue[] {
  return childElements(parent, ns, name).map((element) => ({
    name: childText(element, ns, 'valueName') ?? '',
    value: childText(element, ns, 'value') ?? '',
  }));
}

function parseReferences(text: string | null): AlertReference[] {
  if (text === null) return [];
  return text.split(/\s+/).map((triplet) => {
    const [sender, identifier, sent, extra] = triplet.split(',');
    const normalisedSent = sent ? optionalDateTime(sent, 'references sent') : null;
    if (!sender || !identifier || !normalisedSent || extra !== undefined) {
      throw new AlertError(
        'alert.content-invalid',
        `references entry "${triplet.slice(0, 80)}" is not sender,identifier,sent`,
      );
    }
    return { sender, identifier, sent: normalisedSent };
  });
}

function resource(element: Element, where: string, options: CapOptions, problems: AlertProblem[]) {
  const sizeText = childText(element, ns, 'size');
  const size = sizeText !== null && /^\d+$/.test(sizeText) ? Number(sizeText) : null;
  let derefUri = childText(element, ns, 'derefUri');
  // base64: 4 characters carry 3 bytes.
  const inlineBytes = derefUri === null ? 0 : Math.floor((derefUri.replace(/\s+/g, '').length * 3) / 4);
  if (inlineBytes > options.maxResourceBytes) {
    problems.push({
      severity: 'warning',
      code: 'resource.too-large',
      message: `inline content of ${inlineBytes} bytes is over ${options.maxResourceBytes}; dropped, the resource kept`,
      where,
    });
    derefUri = null;
  }
  const result: AlertResource = {
    desc: required(childText(element, ns, 'resourceDesc'), `${where}.resourceDesc`),
    mimeType: required(childText(element, ns, 'mimeType'), `${where}.mimeType`),
    size,
    uri: childText(element, ns, 'uri'),
    derefUri,
    digest: childText(element, ns, 'digest'),
  };
  return result;
}

function firstParameter(parameters: NamedValue[], names: readonly string[]): string | null {
  return parameters.find((parameter) => names.includes(parameter.name))?.value ?? null;
}

function issueOrLiftOf(parameters: NamedValue[], responseType: string[]): IssueOrLift {
  const written = firstParameter(parameters, capParameterNames.issueOrLift);
  if (written === '解除' || written === 'lift') return 'lift';
  if (written === '発令' || written === 'issue') return 'issue';
  return responseType.includes('AllClear') ? 'lift' : 'issue';
}

function info(element: Element, where: string, options: CapOptions, problems: AlertProblem[]): AlertInfo {
  const categoryTexts = childElements(element, ns, 'category').map((c) => textOf(c));
  if (categoryTexts.length === 0)
    throw new AlertError('alert.content-invalid', `${where}.category is missing`);
  const event = required(childText(element, ns, 'event'), `${where}.event`);
  const responseType = childElements(element, ns, 'responseType').map((r) =>
    oneOf(textOf(r), responseTypes, `${where}.responseType`),
  );
  const parameters = namedValues(element, 'parameter');
  const levelText = firstParameter(parameters, capParameterNames.level);
  const levelFromParameter = levelText === null ? null : parseLevel(levelText);
  if (levelText !== null && levelFromParameter === null) {
    throw new AlertError(
      'alert.content-invalid',
      `${where} 警戒レベル "${levelText.slice(0, 20)}" is not 1–5`,
    );
  }
  const result: AlertInfo = {
    language: childText(element, ns, 'language') ?? 'en-US',
    category: categoryTexts.map((c) => oneOf(c, categories, `${where}.category`)),
    event,
    responseType,
    urgency: oneOf(childText(element, ns, 'urgency'), urgencies, `${where}.urgency`),
    severity: oneOf(childText(element, ns, 'severity'), severities, `${where}.severity`),
    certainty: oneOf(childText(element, ns, 'certainty'), certainties, `${where}.certainty`),
    level: levelFromParameter ?? levelOfEvacuationName(event),
    issueOrLift: issueOrLiftOf(parameters, responseType),
    senderName: childText(element, ns, 'senderName'),
    headline: childText(element, ns, 'headline'),
    description: childText(element, ns, 'description'),
    instruction: childText(element, ns, 'instruction'),
    effective: optionalDateTime(childText(element, ns, 'effective'), `${where}.effective`),
    onset: optionalDateTime(childText(element, ns, 'onset'), `${where}.onset`),
    expires: optionalDateTime(childText(element, ns, 'expires'), `${where}.expires`),
    eventCodes: namedValues(element, 'eventCode'),
    parameters,
    resources: childElements(element, ns, 'resource').map((r, i) =>
      resource(r, `${where}.resources[${i}]`, options, problems),
    ),
    areas: childElements(element, ns, 'area').map((area, i) =>
      buildArea(
        {
          desc: childText(area, ns, 'areaDesc') ?? '',
          polygons: childElements(area, ns, 'polygon').map((p) => p.textContent ?? ''),
          circles: childElements(area, ns, 'circle').map((c) => c.textContent ?? ''),
          geocodes: namedValues(area, 'geocode'),
        },
        `${where}.areas[${i}]`,
        problems,
      ),
    ),
  };
  checkInfoHasArea(result, where, problems);
  return result;
}

/** Maps a CAP 1.2 `<alert>` root; `signature` is the outcome of verifying the same document. */
export function mapCap(root: Element, signature: SignatureOutcome, options: CapOptions): Alert {
  const problems: AlertProblem[] = [];
  const msgType = oneOf(childText(root, ns, 'msgType'), msgTypes, 'msgType');
  const references = parseReferences(childText(root, ns, 'references'));
  if ((msgType === 'Update' || msgType === 'Cancel') && references.length === 0) {
    throw new AlertError('alert.content-invalid', `an ${msgType} must name what it refers to in references`);
  }
  const identifier = capToken(childText(root, ns, 'identifier'), 'identifier');
  const sender = capToken(childText(root, ns, 'sender'), 'sender');
  if (references.some((r) => r.sender === sender && r.identifier === identifier)) {
    throw new AlertError('alert.content-invalid', 'references names the message itself');
  }
  return {
    source: 'cap',
    identifier,
    sender,
    sent: dateTime(childText(root, ns, 'sent'), 'sent'),
    status: oneOf(childText(root, ns, 'status'), alertStatuses, 'status'),
    msgType,
    scope: oneOf(childText(root, ns, 'scope'), scopes, 'scope'),
    references,
    series: null,
    note: childText(root, ns, 'note'),
    signature,
    infos: childElements(root, ns, 'info').map((element, i) =>
      info(element, `infos[${i}]`, options, problems),
    ),
    problems,
  };
}
