import { withAdminRoute } from "../http/admin-route";
import { billingCsv, billingCsvFilename } from "./billing-csv";
import { getBillingLedger, toBillingReport } from "./billing-report";
import { billingQuerySchema } from "./schemas";

// GET /api/admin/billing – calls, tokens and cost by model, day and team for a scope and range
// (JSON, or CSV with format=csv). Every role may call it; billing-scope.ts limits developers to
// their own user and keys.
export const GET = withAdminRoute({
  querySchema: billingQuerySchema,
  fn: async ({ principal, query }) => {
    const ledger = await getBillingLedger({ principal, query });
    if (query.format === "json") return toBillingReport(ledger);
    return new Response(billingCsv(ledger), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${billingCsvFilename(ledger)}"`,
        "cache-control": "no-store",
      },
    });
  },
});
