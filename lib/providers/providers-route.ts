import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { createProvider } from "./provider-mutations";
import { listProviders } from "./provider-queries";
import { createProviderSchema, listProvidersQuerySchema } from "./schemas";

// GET /api/admin/providers – list providers (never their API keys)
export const GET = withAdminRoute({
  querySchema: listProvidersQuerySchema,
  fn: ({ principal, query }) => listProviders({ orgId: principal.orgId, query }),
});

// POST /api/admin/providers – add an upstream provider with its API key
export const POST = withAdminRoute({
  roles: ["admin"],
  bodySchema: createProviderSchema,
  status: 201,
  fn: async (context) => {
    const provider = await createProvider({ orgId: context.principal.orgId, input: context.body });
    // apiKey is masked by the audit module; it is there so the diff shows a credential was set.
    const after = { ...provider, apiKey: context.body.apiKey };
    await auditAdminChange(context, { action: "provider.create", targetType: "provider", targetId: provider.id, after });
    return provider;
  },
});
