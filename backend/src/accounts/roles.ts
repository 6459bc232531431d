// The roles of the backend: who may call what. The one list; routes name the roles they admit.

/** People signing in to the dashboard with a login name and password. */
export const operatorRoles = ['operator-admin', 'municipality-staff', 'shelter-staff'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/** Machines of partner organisations calling the API with a client id and secret. */
export const clientRoles = ['insurer', 'alert-publisher', 'municipality'] as const;
export type ClientRole = (typeof clientRoles)[number];

/** An STB authenticated by its device credential, and a resident logged in on that STB with the card. */
export type BoxRole = 'device' | 'resident';

/** A check-in terminal at a shelter, authenticated by its terminal credential (backend/src/checkins). */
export type TerminalRole = 'shelter-terminal';

export type Role = OperatorRole | ClientRole | BoxRole | TerminalRole;
