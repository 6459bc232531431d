// Who is calling: the result of authentication, put on the request context by authenticate.ts and read by
// role checks and handlers. Exactly one kind per request.
import type { ClientRole, OperatorRole } from '../accounts/index.ts';
import type { AuditActor } from '../audit/index.ts';
import type { TerminalIdentity } from '../checkins/index.ts';
import type { DeviceIdentity } from '../devices/index.ts';

export type Principal =
  | {
      role: OperatorRole;
      accountId: string;
      sessionId: string;
      /** Set for municipality staff: the one municipality they act for. */
      localGovernmentCode: string | null;
    }
  | { role: ClientRole; clientId: string }
  | { role: 'device'; device: DeviceIdentity }
  | { role: 'resident'; residentId: string; sessionId: string; device: DeviceIdentity }
  | { role: 'shelter-terminal'; terminal: TerminalIdentity };

/** The id the audit log names a principal by. */
export function principalId(principal: Principal): string {
  switch (principal.role) {
    case 'device':
      return principal.device.deviceId;
    case 'resident':
      return principal.residentId;
    case 'shelter-terminal':
      return principal.terminal.terminalId;
    case 'insurer':
    case 'alert-publisher':
    case 'municipality':
      return principal.clientId;
    default:
      return principal.accountId;
  }
}

export function auditActorOf(principal: Principal, requestId: string): AuditActor {
  return { id: principalId(principal), role: principal.role, requestId };
}
