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
  fn: ({ principal, params, body }) => updateModel({ orgId: principal.orgId, id: params.id, input: body }),
});

// DELETE /api/admin/models/{id} – remove a model from the catalog
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: ({ principal, params }) => deleteModel({ orgId: principal.orgId, id: params.id }),
});
