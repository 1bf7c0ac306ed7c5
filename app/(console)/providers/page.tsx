import type { Metadata } from "next";
import { canManage } from "@/lib/auth/rbac";
import { requireSection } from "../require-section";
import { ProvidersPageClient } from "./providers-page-client";

export const metadata: Metadata = { title: "Providers" };

// GET /providers – upstream LLM providers and their (write-only) credentials.
export default async function ProvidersPage() {
  const user = await requireSection("providers");
  return <ProvidersPageClient canEdit={canManage(user.role)} />;
}
