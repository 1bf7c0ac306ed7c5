import { auditAdminChange } from "../audit/audit-admin-change";
import { assertDeploymentNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { patchDeployment } from "./routing-mutations";
import { getDeploymentOrThrow } from "./routing-queries";
import { patchDeploymentSchema } from "./routing-schemas";

// GET /api/admin/deployments/{id} – one deployment
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getDeploymentOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/deployments/{id} – drain, disable or re-activate a deployment; change its weight, priority, limit or prices
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: patchDeploymentSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getDeploymentOrThrow({ orgId: principal.orgId, id: params.id });
    await assertDeploymentNotManaged(principal.orgId, params.id);
    const after = await patchDeployment({ orgId: principal.orgId, id: params.id, input: body });
    await auditAdminChange(context, { action: "deployment.update", targetType: "deployment", targetId: after.id, before, after });
    return after;
  },
});
