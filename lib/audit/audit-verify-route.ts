import { withAdminRoute } from "../http/admin-route";
import { AUDIT_READ_ROLES } from "./audit-roles";
import { auditVerifyQuerySchema } from "./schemas";
import { verifyAuditChain } from "./verify-audit-chain";

// GET /api/admin/audit-log/verify – walk the keyed chain and compare it with the signed checkpoint
// (and with an anchor, `?anchorId=&anchorHash=`); { ok: true, checked, lastId, lastHash, … } or the first break
export const GET = withAdminRoute({
  roles: AUDIT_READ_ROLES,
  querySchema: auditVerifyQuerySchema,
  fn: ({ query }) =>
    verifyAuditChain(query.anchorId !== undefined && query.anchorHash !== undefined ? { anchor: { id: query.anchorId, hash: query.anchorHash } } : {}),
});
