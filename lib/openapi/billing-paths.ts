// OpenAPI paths and named schemas of the billing report (lib/billing). The document builder merges
// billingPaths() into `paths` and billingComponents() into `components.schemas`.
import type { z } from "zod";
import { BILLING_CSV_HEADER } from "../billing/billing-csv";
import { billingQuerySchema, billingReportSchema } from "../billing/schemas";
import type { ComponentName } from "./components";
import { adminOperation } from "./operation";

export function billingComponents(): Record<string, z.ZodType> {
  return { BillingReport: billingReportSchema };
}

export function billingPaths(): Record<string, unknown> {
  const operation = adminOperation({
    summary: "Calls, tokens and cost by model, day and team for an organization, team, user or key (JSON or CSV)",
    tag: "Billing",
    roles: "admin, viewer; developer only scope=user (themselves) or scope=key (their own keys)",
    query: billingQuerySchema,
    // Registered by billingComponents(), which the document builder adds next to the built-in names.
    ok: { status: 200, schema: "BillingReport" as ComponentName, description: "The report; with format=csv, a CSV attachment instead." },
    errors: [404],
  });
  const responses = operation.responses as Record<string, { content: Record<string, unknown> }>;
  const ok = responses["200"];
  ok.content["text/csv"] = {
    schema: {
      type: "string",
      description: `Columns: ${BILLING_CSV_HEADER.join(", ")}. One row per day and model with usage, then a "total" row; cost_usd is exact to the micro-dollar.`,
    },
  };
  return { "/api/admin/billing": { get: operation } };
}
