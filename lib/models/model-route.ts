import { auditAdminChange } from "../audit/audit-admin-change";
import { assertModelNotManaged, assertNotManaged } from "../config-file/managed-guard";
import { withAdminRoute } from "../http/admin-route";
import { deleteModel, updateModel } from "./model-mutations";
import { getModelOrThrow } from "./model-queries";
import { updateModelSchema } from "./schemas";

// GET /api/admin/models/{id} – one model
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getModelOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/models/{id} – reprice, rename, attach to a provider, enable/disable
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: updateModelSchema,
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getModelOrThrow({ orgId: principal.orgId, id: params.id });
    assertNotManaged(before, `the model "${before.name}"`);
    const after = await updateModel({ orgId: principal.orgId, id: params.id, input: body });
    await auditAdminChange(context, { action: "model.update", targetType: "model", targetId: after.id, before, after });
    return after;
  },
});

// DELETE /api/admin/models/{id} – remove a model from the catalog
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertModelNotManaged(context.principal.orgId, context.params.id);
    const before = await deleteModel({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "model.delete", targetType: "model", targetId: before.id, before });
    return before;
  },
});
