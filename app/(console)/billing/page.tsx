import type { Metadata } from "next";
import { env } from "@/lib/env";
import { requireSection } from "../require-section";
import { BillingPageClient } from "./billing-page-client";

export const metadata: Metadata = { title: "Billing" };

// GET /billing – cost by model, day and team for the organization, a team, a user or a key; CSV
// download and a printable invoice. Days are calendar days in TOLLGATE_TIME_ZONE.
export default async function BillingPage() {
  await requireSection("billing");
  return <BillingPageClient timeZone={env().TOLLGATE_TIME_ZONE} />;
}
