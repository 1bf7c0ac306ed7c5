import { withAdminRoute } from "../http/admin-route";
import { getUsageDetail } from "./usage-detail";

// GET /api/admin/usage/{id} – one call (id = its request id) with its details and captured bodies (developers: their own calls)
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getUsageDetail({ principal, requestId: params.id }),
});
