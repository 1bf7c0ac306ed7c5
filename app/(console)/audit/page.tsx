import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { GET as getAuditLog } from "@/lib/audit/audit-log-route";
import { prefetchAdmin } from "@/lib/query/prefetch-admin.server";
import { requireSection } from "../require-section";
import { AUDIT_PAGE_SIZE, auditLogQuery } from "./audit-query";
import { AuditPageClient } from "./audit-page-client";

export const metadata: Metadata = { title: "Audit log" };

// GET /audit – every console/admin-API change and sign-in, with diffs, export, chain verification and anchors.
export default async function AuditPage() {
  const user = await requireSection("audit");
  // The first page, unfiltered, as the client opens it; verifying the chain runs only when asked.
  const state = await prefetchAdmin([{ query: auditLogQuery({}, 1, AUDIT_PAGE_SIZE), handler: getAuditLog }]);
  return (
    <HydrationBoundary state={state}>
      {/* Viewers read and verify; only admins may re-seal a broken log. */}
      <AuditPageClient canReseal={user.role === "admin"} />
    </HydrationBoundary>
  );
}
