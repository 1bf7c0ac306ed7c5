// Billing: the report's query and response contracts (admin API, console, OpenAPI). Money is in
// dollars here (integer micro-dollars inside). Days are calendar days in TOLLGATE_TIME_ZONE.
import { z } from "zod";
import { idSchema, isoDateTime } from "../http/list-schemas";

export const BILLING_SCOPES = ["org", "team", "user", "key"] as const;
export type BillingScope = (typeof BILLING_SCOPES)[number];

/** The longest range one report may cover (a little over a year, so "last 12 months" fits). */
export const MAX_BILLING_RANGE_DAYS = 400;

// Kept as strings: a date-only bound is a calendar day in the configured zone, which only the
// server knows, so it is resolved in billing-range.ts rather than parsed as UTC here.
const boundParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const billingQuerySchema = z
  .object({
    scope: z.enum(BILLING_SCOPES).default("org"),
    /** The team, user or key id; optional for scope=org. */
    scopeId: idSchema.optional(),
    /** First day (inclusive) or instant. Default: the first day of the current month. */
    from: boundParam.optional(),
    /** Last day (inclusive) or instant (exclusive). Default: now. */
    to: boundParam.optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .superRefine((query, context) => {
    if (query.scope !== "org" && !query.scopeId) {
      context.addIssue({ code: "custom", path: ["scopeId"], message: `required when scope is ${query.scope}` });
    }
  });

const usageFields = {
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedTokens: z.number().int(),
  /** Dollars. */
  cost: z.number(),
};

export const billingTotalsSchema = z.object(usageFields);
export const billingModelLineSchema = z.object({ model: z.string(), ...usageFields });

export const billingDaySchema = z.object({
  /** Calendar day in the report's time zone, YYYY-MM-DD. Every day of the range is listed. */
  day: z.string(),
  ...usageFields,
  /** That day's usage per model, most expensive first ([] on a day without calls). */
  byModel: z.array(billingModelLineSchema),
});

export const billingTeamLineSchema = z.object({
  /** null: calls not charged to any team (a key without a team). */
  teamId: z.string().nullable(),
  /** null for no team, or for a team deleted since. */
  teamName: z.string().nullable(),
  ...usageFields,
});

export const billingReportSchema = z.object({
  scope: z.enum(BILLING_SCOPES),
  /** The team, user or key id; the organization's id for scope=org. */
  scopeId: z.string(),
  /** Team name, user e-mail, key name or organization name. */
  scopeName: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }),
  /** The requested bounds; usage is counted by whole hours (see docs/billing.md). */
  from: isoDateTime,
  to: isoDateTime,
  firstDay: z.string(),
  lastDay: z.string(),
  timeZone: z.string(),
  currency: z.literal("USD"),
  totals: billingTotalsSchema,
  /** Most expensive first. */
  byModel: z.array(billingModelLineSchema),
  byDay: z.array(billingDaySchema),
  /** Chargeback: usage per team the calls were charged to, most expensive first. */
  byTeam: z.array(billingTeamLineSchema),
});

export type BillingQuery = z.output<typeof billingQuerySchema>;
export type BillingTotals = z.infer<typeof billingTotalsSchema>;
export type BillingModelLine = z.infer<typeof billingModelLineSchema>;
export type BillingDay = z.infer<typeof billingDaySchema>;
export type BillingTeamLine = z.infer<typeof billingTeamLineSchema>;
export type BillingReport = z.infer<typeof billingReportSchema>;
