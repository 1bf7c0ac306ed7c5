import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { resolvePeriod } from "@/lib/billing/billing-period";
import { billingReportQuery } from "@/lib/billing/billing-query";
import { GET as getBilling } from "@/lib/billing/billing-route";
import { env } from "@/lib/env";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { BillingPageClient } from "./billing-page-client";

export const metadata: Metadata = { title: "Billing" };

// GET /billing – cost by model, day and team for the organization, a team, a user or a key; CSV
// download and a printable invoice. Days are calendar days in TOLLGATE_TIME_ZONE.
export default async function BillingPage() {
  await requireSection("billing");
  const timeZone = env().TOLLGATE_TIME_ZONE;
  // The report the page opens on (the organization, this month), resolved at this same instant on both sides.
  const now = new Date();
  const range = resolvePeriod({ preset: "this-month" }, timeZone, now);
  const state = await prefetchAdmin(range ? [{ query: billingReportQuery({ scope: "org", ...range }), handler: getBilling }] : []);
  return (
    <HydrationBoundary state={state}>
      <BillingPageClient timeZone={timeZone} now={now.toISOString()} />
    </HydrationBoundary>
  );
}
