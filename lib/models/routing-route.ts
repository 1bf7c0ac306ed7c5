import { auditAdminChange } from "../audit/audit-admin-change";
import { assertModelNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { putRouting } from "./routing-mutations";
import { getRoutingOrThrow } from "./routing-queries";
import { putRoutingSchema } from "./routing-schemas";

// GET /api/admin/models/{id}/routing – the model's deployments, strategy, retries, fallbacks, timeouts, router
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getRoutingOrThrow({ orgId: principal.orgId, modelId: params.id }),
});

// PUT /api/admin/models/{id}/routing – replace the routing (deployments not listed are removed)
export const PUT = withAdminRoute({
  roles: ["admin"],
  bodySchema: putRoutingSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getRoutingOrThrow({ orgId: principal.orgId, modelId: params.id });
    await assertModelNotManaged(principal.orgId, params.id);
    const after = await putRouting({ orgId: principal.orgId, modelId: params.id, input: body });
    await auditAdminChange(context, { action: "model.routing.update", targetType: "model", targetId: after.modelId, before, after });
    return after;
  },
});
