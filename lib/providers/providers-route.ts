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
  fn: ({ principal, body }) => createProvider({ orgId: principal.orgId, input: body }),
});
