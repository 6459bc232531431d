// What the municipality's review of 利用申込み reads and sends (health-routes.ts answers and takes these shapes,
// link-applications.ts builds them): types only, so the dashboard (backend/ops, DOM library) can import them
// without the server modules behind the routes.

export type LinkApplicationState = 'pending' | 'approved' | 'rejected';

/** An application as the municipality reviews it and the parent sees it. */
export interface LinkApplication {
  applicationId: string;
  /** 受付番号, `YYYY-MMDD-NNNNNN` (Japan date of receipt, running number). */
  receiptNumber: string;
  localGovernmentCode: string;
  state: LinkApplicationState;
  submittedAt: string;
  decidedAt: string | null;
  /** Why it was rejected, as the municipality wrote it; null otherwise. */
  reason: string | null;
  /** As the parent named them; the name only when the parent gave one. */
  children: { name?: string | undefined; birthDate: string }[];
  /** The signer certificate's four items, as verified. */
  parent: { name: string; dateOfBirth: string; address: string };
}

/** The municipality's own identifier of a child (the FHIR Patient identifier it sent). */
export interface ChildIdentifier {
  system: string;
  value: string;
}

export type LinkDecision =
  | { decision: 'approve'; children: ChildIdentifier[] }
  | { decision: 'reject'; reason: string };
