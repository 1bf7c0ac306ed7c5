import { withAdminRoute } from "../http/admin-route";
import { AUDIT_READ_ROLES } from "./audit-roles";
import { verifyAuditChain } from "./verify-audit-chain";

// GET /api/admin/audit-log/verify – recompute the hash chain; { ok: true, checked } or the first broken row
export const GET = withAdminRoute({
  roles: AUDIT_READ_ROLES,
  fn: () => verifyAuditChain(),
});
