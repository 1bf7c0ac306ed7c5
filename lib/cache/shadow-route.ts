import { withAdminRoute } from "../http/admin-route";
import { listShadowHitsQuerySchema } from "./schemas";
import { listShadowHits } from "./shadow-queries";

// GET /api/admin/cache/shadow?model&teamId&cursor – shadow mode's would-be semantic hits (prompt, cached prompt, similarity)
export const GET = withAdminRoute({
  roles: ["admin", "viewer"],
  querySchema: listShadowHitsQuerySchema,
  fn: ({ principal, query }) => listShadowHits({ orgId: principal.orgId, query }),
});
