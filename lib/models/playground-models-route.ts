import { withAdminRoute } from "../http/admin-route";
import { listPlaygroundModels } from "./model-queries";

// GET /api/admin/playground/models – enabled models with a provider (what the playground may call)
export const GET = withAdminRoute({
  fn: ({ principal }) => listPlaygroundModels({ orgId: principal.orgId }),
});
