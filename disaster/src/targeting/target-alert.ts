// From a parsed alert to one payload per household reached: select (select-households.ts), order (people
// needing assistance and their 避難支援者 first), assign a place (assign-shelters.ts), compose
// (messages/compose-payload.ts). Pure; in one go, or in steps that a server runs one per event-loop turn; the
// backend pushes the result. Only Actual and Exercise alerts reach anyone: Test, System and Draft are composed
// for nobody, and a Cancel, Ack or Error carries no order (the backend withdraws what a Cancel names).
import type { Alert } from '../alerts/index.ts';
import type { HouseholdAlert } from '../messages/alert-payload.ts';
import { createPayloadComposer } from '../messages/compose-payload.ts';
import { alertMessageContext } from '../messages/message-context.ts';
import type { Hazard, ShelterRegistry } from '../shelters/index.ts';
import { alertHazards } from './alert-hazards.ts';
import { createShelterAssigner } from './assign-shelters.ts';
import { needsAssistance } from './household.ts';
import type { HouseholdIndex } from './household-index.ts';
import { selectHouseholds, type TargetingNote } from './select-households.ts';

export type TargetingOutcome =
  /** Payloads composed (`deliveries` may still be empty if nobody lives in the area). */
  | 'composed'
  /** status Test, System or Draft: never shown to viewers. */
  | 'not-for-viewers'
  /** msgType Cancel, Ack or Error: no order to deliver. */
  | 'no-order'
  /** No polygon, circle or geocode anywhere in the alert. */
  | 'no-area';

export interface TargetingResult<Delivery = HouseholdAlert> {
  outcome: TargetingOutcome;
  /** In delivery order: households needing assistance and their supporters first. */
  deliveries: Delivery[];
  /** Households inside the areas. */
  reached: number;
  /** Households reached that no open place designated for the hazard had room for. */
  withoutShelter: number;
  hazards: Hazard[] | null;
  notes: TargetingNote[];
}

export interface TargetAlertOptions {
  households: HouseholdIndex;
  /** The municipality's shelters; null where none are known (payloads then name no place). */
  shelters: ShelterRegistry | null;
  /** The thread the payloads name (default: the alert's identifier). */
  thread?: string;
}

const empty = (outcome: TargetingOutcome, notes: TargetingNote[] = []): TargetingResult<never> => ({
  outcome,
  deliveries: [],
  reached: 0,
  withoutShelter: 0,
  hazards: null,
  notes,
});

/** Households assigned and composed between two steps of `targetAlertInSteps`. */
export const targetingStep = 1000;

export function targetAlert(alert: Alert, options: TargetAlertOptions): TargetingResult {
  const steps = targetAlertInSteps(alert, options, (delivery) => delivery);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `targetAlert` in steps: it yields after every `targetingStep` households it assigned a place and composed a
 * payload for, so a server can let other work run in between. In one go, 19,000 households made the backend's
 * longest event-loop block 125–259 ms on a slow host (alert-push benchmark); in steps, 78–113 ms. A town of
 * 100,000 would hold the loop five times as long. The result is the same. `keep` turns each delivery, as soon
 * as it is composed, into what the caller keeps of it (a server: the encoded payload), so the composed objects
 * die young rather than outlive the whole targeting.
 */
export function* targetAlertInSteps<Delivery>(
  alert: Alert,
  options: TargetAlertOptions,
  keep: (delivery: HouseholdAlert) => Delivery,
): Generator<void, TargetingResult<Delivery>, void> {
  if (alert.status !== 'Actual' && alert.status !== 'Exercise') return empty('not-for-viewers');
  if (alert.msgType !== 'Alert' && alert.msgType !== 'Update') return empty('no-order');
  const { households: index } = options;
  const { households } = index;
  const issueInfos = alert.infos.filter((info) => info.issueOrLift === 'issue');
  const liftInfos = alert.infos.filter((info) => info.issueOrLift === 'lift');
  const issued = selectHouseholds(index, issueInfos);
  const lifted = selectHouseholds(index, liftInfos);
  const notes = [...issued.notes, ...lifted.notes].filter((note) => note.code !== 'area.none');
  if (issued.notes.some((n) => n.code === 'area.none') && lifted.notes.some((n) => n.code === 'area.none')) {
    return empty('no-area', [
      ...notes,
      {
        code: 'area.none',
        message: 'the alert names no polygon, circle or geocode; nobody is targeted',
        where: 'infos',
      },
    ]);
  }
  const hazards = alertHazards(issueInfos);
  const issueContext = alertMessageContext(alert, 'issue', { thread: options.thread });
  const liftContext = alertMessageContext(alert, 'lift', { thread: options.thread });

  // Who is in the area, and who is reached first: a household needing assistance, and the supporters of
  // such a household in the area (those outside it too, from level 3 on: they have to come and help).
  const priority = new Uint8Array(households.length);
  const supporterOnly = new Uint8Array(households.length);
  const supportedNames = new Map<number, string[]>();
  for (let position = 0; position < households.length; position++) {
    const household = households[position];
    if (issued.reached[position] !== 1 || !household || !needsAssistance(household.needs)) continue;
    priority[position] = 1;
    for (const supporter of index.supportersOf.get(household.id) ?? []) {
      priority[supporter] = 1;
      if (issued.reached[supporter] !== 1 && (issueContext.level ?? 0) >= 3) {
        supporterOnly[supporter] = 1;
        const names = supportedNames.get(supporter) ?? [];
        if (household.namesConsent) names.push(...household.names.slice(0, 1));
        supportedNames.set(supporter, names);
      }
    }
  }
  const order: number[] = [];
  for (const first of [1, 0]) {
    for (let position = 0; position < households.length; position++) {
      const inArea = issued.reached[position] || lifted.reached[position] || supporterOnly[position];
      if (inArea && priority[position] === first) order.push(position);
    }
  }

  const supportsNeedsInArea = (id: string) => {
    const supported = index.positionById.get(id);
    const household = supported === undefined ? undefined : households[supported];
    return (
      supported !== undefined &&
      issued.reached[supported] === 1 &&
      household !== undefined &&
      needsAssistance(household.needs)
    );
  };
  const composeIssue = createPayloadComposer(issueContext);
  const composeLift = createPayloadComposer(liftContext);
  const assigner = options.shelters ? createShelterAssigner(options.shelters, hazards) : null;
  const deliveries: Delivery[] = [];
  let withoutShelter = 0;
  let reached = 0;
  for (const position of order) {
    const household = households[position];
    if (!household) continue;
    const isIssued = issued.reached[position] === 1;
    const isResident = isIssued || lifted.reached[position] === 1;
    if (isResident) reached++;
    const compose = isIssued || !isResident ? composeIssue : composeLift;
    const assignment =
      isIssued && assigner
        ? assigner.assign(household, household.people, household.needs.welfareShelter)
        : null;
    if (isIssued && assignment === null) withoutShelter++;
    const payload = compose({
      household,
      role: isResident ? 'resident' : 'supporter',
      priority: priority[position] === 1,
      assignment,
      supportedNames: supportedNames.get(position) ?? [],
      alsoSupports: isIssued && household.supports.length > 0 && household.supports.some(supportsNeedsInArea),
    });
    deliveries.push(keep({ householdId: household.id, payload }));
    if (deliveries.length % targetingStep === 0) yield;
  }
  return {
    outcome: 'composed',
    deliveries,
    reached,
    withoutShelter,
    hazards,
    notes,
  };
}
