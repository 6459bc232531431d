// One alert's payload per household, composed again from what was stored: the recipients (role, issue or
// lift, priority, the place assigned) and this node's households and shelters. Nothing is chosen again: the
// place comes from alert_recipients, distance and direction from the same coordinates, so a node that did not
// target the alert sends what the targeting node sends. Delivery order as targeting gives it: households
// needing assistance and their supporters first, then the others, each in index order; cancels last.
import {
  type Alert,
  type AlertLevel,
  type AlertPayload,
  alertMessageContext,
  compassPoint,
  createCancelComposer,
  createPayloadComposer,
  distanceMetres,
  type HouseholdAlert,
  type HouseholdIndex,
  needsAssistance,
  type ShelterRegistry,
  type TargetHousehold,
  targetingStep,
} from '@myna-tv/disaster';
import { EncodedPayload, type JsonValue } from '../push/index.ts';
import type { AlertRecipient } from './alert-recipients.ts';

export interface AlertMessagePlan {
  alert: Alert;
  thread: string;
  recipients: readonly AlertRecipient[];
  /** What the message withdraws, to name it in cancel payloads (null: nothing withdrawn). */
  withdrawn: WithdrawnAlerts | null;
}

export interface WithdrawnAlerts {
  level: AlertLevel | null;
  headline: string | null;
}

/** The part of the message every cancel payload of it shares. */
export function cancelComposer(alert: Alert, thread: string, withdrawn: WithdrawnAlerts | null) {
  return createCancelComposer({
    alert: {
      identifier: alert.identifier,
      sender: alert.sender,
      sent: alert.sent,
      expires: alert.infos.find((info) => info.expires)?.expires ?? null,
    },
    thread,
    status: alert.status === 'Exercise' ? 'Exercise' : 'Actual',
    level: withdrawn?.level ?? null,
    headline: withdrawn?.headline ?? null,
  });
}

/**
 * A payload as the boxes get it, encoded as soon as it is composed: kept as objects until a whole town is
 * composed, 19,000 payloads outlived several collections and were copied by each.
 */
export function encodeAlertPayload(payload: AlertPayload): EncodedPayload {
  // AlertPayload is JSON through and through; an interface just carries no index signature.
  return new EncodedPayload(payload as unknown as JsonValue);
}

/** Cancels for `householdIds`, in index order (households no longer indexed are left out). */
export function cancelPayloads(
  householdIds: Iterable<string>,
  index: HouseholdIndex,
  compose: ReturnType<typeof cancelComposer>,
): HouseholdAlert[] {
  const positions: number[] = [];
  for (const id of householdIds) {
    const position = index.positionById.get(id);
    if (position !== undefined) positions.push(position);
  }
  positions.sort((a, b) => a - b);
  return positions.map((position) => {
    const household = index.households[position] as TargetHousehold;
    return { householdId: household.id, payload: compose(household) };
  });
}

/**
 * Encoded, in steps of `targetingStep` households, as targeting runs (a server runs one step per event-loop
 * turn).
 */
export function* renderPayloads(
  plan: AlertMessagePlan,
  index: HouseholdIndex,
  shelters: ShelterRegistry | null,
): Generator<void, Map<string, EncodedPayload>, void> {
  const { households, positionById } = index;
  const byHousehold = new Map(plan.recipients.map((r) => [r.householdId, r]));
  const issuedNeedingHelp = (id: string) => {
    const recipient = byHousehold.get(id);
    const position = positionById.get(id);
    const household = position === undefined ? undefined : households[position];
    return (
      recipient?.kind === 'issue' &&
      recipient.role === 'resident' &&
      household !== undefined &&
      needsAssistance(household.needs)
    );
  };
  const orders: { position: number; recipient: AlertRecipient }[] = [];
  const cancels: string[] = [];
  for (const recipient of plan.recipients) {
    if (recipient.kind === 'cancel') {
      cancels.push(recipient.householdId);
      continue;
    }
    const position = positionById.get(recipient.householdId);
    if (position !== undefined) orders.push({ position, recipient });
  }
  orders.sort(
    (a, b) => Number(b.recipient.priority) - Number(a.recipient.priority) || a.position - b.position,
  );

  const compose = {
    issue: createPayloadComposer(alertMessageContext(plan.alert, 'issue', { thread: plan.thread })),
    lift: createPayloadComposer(alertMessageContext(plan.alert, 'lift', { thread: plan.thread })),
  };
  const payloads = new Map<string, EncodedPayload>();
  for (const { position, recipient } of orders) {
    const household = households[position] as TargetHousehold;
    const issued = recipient.kind === 'issue';
    const shelter = recipient.shelterId === null ? undefined : shelters?.get(recipient.shelterId);
    const assignment =
      shelter === undefined
        ? null
        : {
            shelter,
            distanceMetres: Math.round(distanceMetres(household, shelter)),
            direction: compassPoint(household, shelter),
            welfareFallback: household.needs.welfareShelter && shelter.acceptedPeople !== '要配慮者',
          };
    // As targeting words it: a supporter living outside is told whom (those who agreed to names), a resident
    // supporting someone in the area is asked to help them too.
    const supportedNames =
      recipient.role === 'supporter'
        ? household.supports
            .filter(issuedNeedingHelp)
            .map((id) => positionById.get(id) as number)
            .sort((a, b) => a - b)
            .flatMap((p) => {
              const supported = households[p] as TargetHousehold;
              return supported.namesConsent ? supported.names.slice(0, 1) : [];
            })
        : [];
    const payload = compose[issued ? 'issue' : 'lift']({
      household,
      role: recipient.role,
      priority: recipient.priority,
      assignment,
      supportedNames,
      alsoSupports:
        issued &&
        recipient.role === 'resident' &&
        household.supports.length > 0 &&
        household.supports.some(issuedNeedingHelp),
    });
    payloads.set(household.id, encodeAlertPayload(payload));
    if (payloads.size % targetingStep === 0) yield;
  }
  const cancel = cancelComposer(plan.alert, plan.thread, plan.withdrawn);
  for (const { householdId, payload } of cancelPayloads(cancels, index, cancel)) {
    payloads.set(householdId, encodeAlertPayload(payload));
  }
  return payloads;
}
