import { withAdminRoute } from "../http/admin-route";
import { deleteProvider, updateProvider } from "./provider-mutations";
import { getProviderOrThrow } from "./provider-queries";
import { updateProviderSchema } from "./schemas";

// GET /api/admin/providers/{id} – one provider
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getProviderOrThrow({ orgId: principal.orgId, id: params.id }),
});

// PATCH /api/admin/providers/{id} – rename, change the base URL or rotate the API key
export const PATCH = withAdminRoute({
  roles: ["admin"],
  bodySchema: updateProviderSchema,
  fn: ({ principal, params, body }) => updateProvider({ orgId: principal.orgId, id: params.id, input: body }),
});

// DELETE /api/admin/providers/{id} – delete a provider (its models stay, unrouted)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: ({ principal, params }) => deleteProvider({ orgId: principal.orgId, id: params.id }),
});
