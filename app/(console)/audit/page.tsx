import type { Metadata } from "next";
import { requireSection } from "../require-section";
import { AuditPageClient } from "./audit-page-client";

export const metadata: Metadata = { title: "Audit log" };

// GET /audit – every console/admin-API change and sign-in, with diffs, export and chain verification.
export default async function AuditPage() {
  await requireSection("audit");
  return <AuditPageClient />;
}
