// The dashboard's compose form as a CAP 1.2 message: an exercise or test alert of the operator's own sender,
// written by hand with every text escaped (the form's texts are checked to hold only characters XML can
// carry). The result goes through the same ingest as any publisher's message.
import { randomUUID } from 'node:crypto';
import type { ComposeAlertForm } from './contracts.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
const element = (name: string, value: string | number) => `<${name}>${escapeXml(String(value))}</${name}>`;

/** CAP date-time in Japan time, seconds precision, explicit offset (CAP 1.2 §3.3.2). */
function capTime(at: Date): string {
  return `${new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
}

const severityOf = { 3: 'Moderate', 4: 'Severe', 5: 'Extreme' } as const;
const levelNames = { 3: '高齢者等避難', 4: '避難指示', 5: '緊急安全確保' } as const;

/** `desc`: the area's names where the caller knows them; otherwise its codes describe it. */
function areaOf(area: ComposeAlertForm['area'], desc: string | undefined): string {
  if ('localGovernmentCode' in area) {
    return `<area>${element('areaDesc', desc ?? `地方公共団体コード ${area.localGovernmentCode}`)}<geocode>${element('valueName', 'jisX0402')}${element('value', area.localGovernmentCode)}</geocode></area>`;
  }
  if ('machiazaIds' in area) {
    const geocodes = area.machiazaIds
      .map((id) => `<geocode>${element('valueName', 'MACHIAZA_ID')}${element('value', id)}</geocode>`)
      .join('');
    return `<area>${element('areaDesc', desc ?? `町字 ${area.machiazaIds.length}件`)}${geocodes}</area>`;
  }
  const [first] = area.polygon;
  const last = area.polygon[area.polygon.length - 1];
  const ring =
    first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...area.polygon, first] : area.polygon;
  return `<area>${element('areaDesc', '指定範囲')}${element('polygon', ring.map(([lat, lon]) => `${lat},${lon}`).join(' '))}</area>`;
}

export interface ComposedAlert {
  identifier: string;
  xml: string;
}

export function composeCapAlert(
  form: ComposeAlertForm,
  options: { sender: string; now: Date; areaDesc?: string },
): ComposedAlert {
  const identifier = `myna-tv-${randomUUID()}`;
  const expires = new Date(options.now.getTime() + form.expiresMinutes * 60_000);
  const info = [
    element('language', 'ja-JP'),
    element('category', 'Safety'),
    element('event', form.event),
    element('responseType', 'Evacuate'),
    element('urgency', 'Immediate'),
    element('severity', severityOf[form.level]),
    element('certainty', 'Likely'),
    element('effective', capTime(options.now)),
    element('expires', capTime(expires)),
    element('headline', form.headline),
    ...(form.description ? [element('description', form.description)] : []),
    ...(form.instruction ? [element('instruction', form.instruction)] : []),
    `<parameter>${element('valueName', '警戒レベル')}${element('value', form.level)}</parameter>`,
    `<parameter>${element('valueName', '避難情報')}${element('value', levelNames[form.level])}</parameter>`,
    areaOf(form.area, options.areaDesc),
  ].join('');
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    element('identifier', identifier),
    element('sender', options.sender),
    element('sent', capTime(options.now)),
    element('status', form.status),
    element('msgType', 'Alert'),
    element('scope', 'Public'),
    `<info>${info}</info>`,
    '</alert>',
  ].join('');
  return { identifier, xml };
}
