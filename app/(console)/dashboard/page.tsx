import type { Metadata } from "next";
import { canReadAll } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { DashboardPageClient } from "./dashboard-page-client";

export const metadata: Metadata = { title: "Dashboard" };

// GET /dashboard – calls, tokens, cost, latency and errors over a date range.
export default async function DashboardPage() {
  const user = await requireSection("dashboard");
  return <DashboardPageClient seesEveryone={canReadAll(user.role)} />;
}
