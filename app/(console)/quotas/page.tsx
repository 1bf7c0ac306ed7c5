import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { QuotasPageClient } from "./quotas-page-client";

export const metadata: Metadata = { title: "Quotas & limits" };

// GET /quotas – quotas per key, user, team, tier and organization, rate limits, and usage against them.
export default async function QuotasPage() {
  const user = await requireSection("quotas");
  return <QuotasPageClient canEdit={canManage(user.role)} orgId={user.orgId} />;
}
