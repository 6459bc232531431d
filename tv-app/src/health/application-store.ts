// The 利用申込み being made (its id, chosen once so that a repeat signs nothing again, and the birth dates
// entered so far), the resident's applications as last listed, and the one just received. A plain store (see
// state/ui-state.ts for why not Blits' reactive one); forgotten with the app.
import type { ApplicationView } from '../api/bridge-client.ts';

/** The document's limit (backend/src/health/link-applications.ts). */
export const maxChildren = 10;

let draft: { applicationId: string; birthDates: string[] } | undefined;
let listed: ApplicationView[] = [];
let received: ApplicationView | undefined;

export const applicationStore = {
  /** A new application, with no child yet. */
  start(): void {
    draft = { applicationId: crypto.randomUUID(), birthDates: [] };
  },
  get draft(): Readonly<{ applicationId: string; birthDates: readonly string[] }> | undefined {
    return draft;
  },
  addChild(birthDate: string): void {
    if (draft && draft.birthDates.length < maxChildren) draft.birthDates.push(birthDate);
  },
  /** The birth dates entered are dropped; the id stays (nothing was signed yet). */
  clearChildren(): void {
    if (draft) draft.birthDates = [];
  },
  get applications(): readonly ApplicationView[] {
    return listed;
  },
  setApplications(list: ApplicationView[]): void {
    listed = list;
  },
  /** The application the backend took: the draft is done with. */
  received(application: ApplicationView): void {
    received = application;
    draft = undefined;
    listed = [application, ...listed.filter((a) => a.receiptNumber !== application.receiptNumber)];
  },
  get receipt(): ApplicationView | undefined {
    return received;
  },
};
