import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { TeamsPageClient } from "./teams-page-client";

export const metadata: Metadata = { title: "Teams" };

// GET /teams – groups of users that share quotas and reports.
export default async function TeamsPage() {
  const user = await requireSection("teams");
  return <TeamsPageClient canEdit={canManage(user.role)} />;
}
