// The normalised JSON of an alert, the contract of `npm run alert -- parse`: exactly these fields.
// Polygons are rings of [lat, lon] pairs (CAP's order), circles {lat, lon, radiusKm}.
import type { Alert } from './alert-model.ts';

export function toAlertJson(alert: Alert) {
  return {
    identifier: alert.identifier,
    sender: alert.sender,
    sent: alert.sent,
    status: alert.status,
    msgType: alert.msgType,
    scope: alert.scope,
    references: alert.references.map(({ sender, identifier, sent }) => ({ sender, identifier, sent })),
    signature: {
      present: alert.signature.present,
      valid: alert.signature.valid,
      signer: alert.signature.signer,
    },
    infos: alert.infos.map((info) => ({
      language: info.language,
      category: info.category,
      event: info.event,
      urgency: info.urgency,
      severity: info.severity,
      certainty: info.certainty,
      level: info.level,
      headline: info.headline,
      description: info.description,
      instruction: info.instruction,
      expires: info.expires,
      areas: info.areas.map((area) => ({
        desc: area.desc,
        polygons: area.polygons.map((ring) => ring.map(({ lat, lon }) => [lat, lon])),
        circles: area.circles.map(({ center, radiusKm }) => ({ lat: center.lat, lon: center.lon, radiusKm })),
        geocodes: area.geocodes.map(({ name, value }) => ({ name, value })),
      })),
    })),
  };
}

export type AlertJson = ReturnType<typeof toAlertJson>;
