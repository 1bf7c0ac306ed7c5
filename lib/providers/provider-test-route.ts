import { withAdminRoute } from "../http/admin-route";
import { testProviderConnection } from "./test-connection";

// POST /api/admin/providers/{id}/test – ask the provider for its free models listing (never a completion): status, latency, models found
export const POST = withAdminRoute({
  roles: ["admin"],
  fn: ({ principal, params }) => testProviderConnection({ orgId: principal.orgId, id: params.id }),
});
