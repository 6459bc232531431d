// Public API of the append-only audit log. Its HTTP route (audit-routes.ts) is wired by app.ts.
export {
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditTarget,
  listAuditEntries,
  readAuditLog,
  recordAudit,
} from './audit-log.ts';
