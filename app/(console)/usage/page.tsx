import type { Metadata } from "next";
import { canReadAll } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { UsagePageClient } from "./usage-page-client";

export const metadata: Metadata = { title: "Usage" };

// GET /usage – every call through the gateway, filterable, with totals over the whole filter.
export default async function UsagePage() {
  const user = await requireSection("usage");
  return <UsagePageClient seesEveryone={canReadAll(user.role)} />;
}
