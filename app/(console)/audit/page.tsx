import type { Metadata } from "next";
import { requireSection } from "../require-section";
import { AuditPageClient } from "./audit-page-client";

export const metadata: Metadata = { title: "Audit log" };

// GET /audit – every console/admin-API change and sign-in, with diffs, export, chain verification and anchors.
export default async function AuditPage() {
  const user = await requireSection("audit");
  // Viewers read and verify; only admins may re-seal a broken log.
  return <AuditPageClient canReseal={user.role === "admin"} />;
}
