import { auditAdminChange } from "../audit/audit-admin-change";
import { assertNotManaged, assertProviderNotManaged } from "../config-file/managed-guard";
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
  fn: async (context) => {
    const { principal, params, body } = context;
    const before = await getProviderOrThrow({ orgId: principal.orgId, id: params.id });
    assertNotManaged(before, `the provider "${before.name}"`);
    const provider = await updateProvider({ orgId: principal.orgId, id: params.id, input: body });
    // A rotated credential shows up as a masked apiKey field in the diff.
    const after = body.apiKey !== undefined ? { ...provider, apiKey: body.apiKey } : provider;
    await auditAdminChange(context, { action: "provider.update", targetType: "provider", targetId: provider.id, before, after });
    return provider;
  },
});

// DELETE /api/admin/providers/{id} – delete a provider (its models stay, unrouted)
export const DELETE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    await assertProviderNotManaged(context.principal.orgId, context.params.id);
    const before = await deleteProvider({ orgId: context.principal.orgId, id: context.params.id });
    await auditAdminChange(context, { action: "provider.delete", targetType: "provider", targetId: before.id, before });
    return before;
  },
});
