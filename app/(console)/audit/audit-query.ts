// Audit log: query options for the list and the chain check, and the export download URL. The
// filter the page shows is exactly what the list, the export and its query key are built from.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuditLogPage, AuditVerifyResult } from "@/lib/audit/schemas";
import { fetchJson, toSearch } from "@/lib/query/fetch-json";

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

export const auditQueryKeys = {
  all: ["audit"] as const,
  list: (filters: AuditFilterValues, page: number, pageSize: number) => ["audit", "list", filters, page, pageSize] as const,
  verify: () => ["audit", "verify"] as const,
};

export function auditLogQuery(filters: AuditFilterValues, page: number, pageSize: number) {
  return queryOptions({
    queryKey: auditQueryKeys.list(filters, page, pageSize),
    queryFn: ({ signal }) => fetchJson<AuditLogPage>(`/api/admin/audit-log${toSearch({ ...filters, page, pageSize })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function auditVerifyQuery() {
  return queryOptions({
    queryKey: auditQueryKeys.verify(),
    queryFn: ({ signal }) => fetchJson<AuditVerifyResult>("/api/admin/audit-log/verify", { signal }),
    // Walking the chain reads every row: only when asked, never on focus or mount.
    enabled: false,
    staleTime: Infinity,
  });
}

export function auditExportUrl(filters: AuditFilterValues, format: "csv" | "json"): string {
  return `/api/admin/audit-log/export${toSearch({ ...filters, format })}`;
}
