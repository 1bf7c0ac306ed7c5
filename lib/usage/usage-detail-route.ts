import { withAdminRoute } from "../http/admin-route";
import { getUsageDetail } from "./usage-detail";

// GET /api/admin/usage/{requestId} – one call with its details and captured bodies (developers: their own calls)
export const GET = withAdminRoute({
  fn: ({ principal, params }) => getUsageDetail({ principal, requestId: params.requestId }),
});
