// Audit log: query options for the list and the chain check, the re-seal, and the export download
// URL. The filter the page shows is exactly what the list, the export and its query key are built from.
// The list is built with adminRead, so page.tsx prefetches its first page like every console page.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuditAnchor, AuditLogPage, AuditResealResult, AuditVerifyResult } from "@/lib/audit/schemas";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** First UTC day, inclusive ("YYYY-MM-DD"). */
  from?: string;
  /** Last UTC day, inclusive: the API treats a date-only `to` as the whole day. */
  to?: string;
}

/** Entries per page of the list; page.tsx prefetches the first page, unfiltered, with it. */
export const AUDIT_PAGE_SIZE = 50;

export const auditQueryKeys = {
  all: ["audit"] as const,
  list: (filters: AuditFilterValues, page: number, pageSize: number) => ["audit", "list", filters, page, pageSize] as const,
  verify: (request: VerifyRequest | null) => ["audit", "verify", request] as const,
};

export function auditLogQuery(filters: AuditFilterValues, page: number, pageSize: number) {
  return queryOptions({
    queryKey: auditQueryKeys.list(filters, page, pageSize),
    ...adminRead<AuditLogPage>(`/api/admin/audit-log${toSearch({ ...filters, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
}

/** One press of "Verify chain" or "Check anchor": a new request each time, so each one runs. */
export interface VerifyRequest {
  anchor: AuditAnchor | null;
  at: number;
}

export function auditVerifyQuery(request: VerifyRequest | null) {
  return queryOptions({
    queryKey: auditQueryKeys.verify(request),
    queryFn: ({ signal }) => fetchJson<AuditVerifyResult>(`/api/admin/audit-log/verify${toSearch({ ...request?.anchor })}`, { signal }),
    // Walking the chain reads every row: only when asked, never on focus or mount.
    enabled: request !== null,
    staleTime: Infinity,
  });
}

/** Seals the log as it is, accepting the break verify reported (admins only). */
export function resealAuditLog(): Promise<AuditResealResult> {
  return fetchJson<AuditResealResult>("/api/admin/audit-log/reseal", { method: "POST", body: { acceptBrokenChain: true } });
}

export function auditExportUrl(filters: AuditFilterValues, format: "csv" | "json"): string {
  return `/api/admin/audit-log/export${toSearch({ ...filters, format })}`;
}
