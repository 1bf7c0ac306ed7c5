import { db } from "../db";
import { withAdminRoute } from "../http/admin-route";
import { readCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys } from "./audit-key";
import { AUDIT_READ_ROLES } from "./audit-roles";
import type { AuditCheckpointResult } from "./schemas";
import { checkpointView } from "./verify-audit-chain";

// GET /api/admin/audit-log/checkpoint – the signed head (row count, newest id and hash) without
// walking the chain: cheap enough for an outside monitor to record every few minutes as an anchor
export const GET = withAdminRoute({
  roles: AUDIT_READ_ROLES,
  fn: async (): Promise<AuditCheckpointResult> => {
    const keys = currentAuditKeys();
    return { keyId: keys.keyId, checkpoint: checkpointView(await readCheckpoint(db()), keys) };
  },
});
