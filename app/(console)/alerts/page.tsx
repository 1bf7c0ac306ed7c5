import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { AlertsPageClient } from "./alerts-page-client";

export const metadata: Metadata = { title: "Alerts" };

// GET /alerts – alert rules, test alerts and the history of every alert sent.
export default async function AlertsPage() {
  const user = await requireSection("alerts");
  return <AlertsPageClient canEdit={canManage(user.role)} />;
}
