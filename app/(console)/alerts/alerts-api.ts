// The alerts page's reads and writes of /api/admin/alert-rules and /api/admin/alerts, with its own
// query keys (every key starts with "alerts", so one invalidation refreshes rules and history). Reads
// are built with adminRead, so page.tsx prefetches the rules on the server like every console page.
import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { AlertEvent, AlertRule, createAlertRuleSchema, updateAlertRuleSchema } from "@/lib/alerts/schemas";
import { adminRead, fetchJson, toSearch } from "@/lib/query/fetch-json";
import { LIST_PAGE_SIZE } from "@/lib/query/query-keys";
import type { ListResponse } from "@/lib/query/types";

export type CreateAlertRuleBody = z.input<typeof createAlertRuleSchema>;
export type UpdateAlertRuleBody = z.input<typeof updateAlertRuleSchema>;

export interface AlertHistoryFilters {
  ruleId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Alerts per page of the history; page.tsx prefetches the first page with it. */
export const ALERT_HISTORY_PAGE_SIZE = 25;

export const alertKeys = {
  all: ["alerts"] as const,
  rules: () => ["alerts", "rules"] as const,
  history: (filters: AlertHistoryFilters) => ["alerts", "history", filters] as const,
};

export function alertRulesQuery() {
  return queryOptions({
    queryKey: alertKeys.rules(),
    ...adminRead<ListResponse<AlertRule>>(`/api/admin/alert-rules${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function alertHistoryQuery(filters: AlertHistoryFilters) {
  return queryOptions({
    queryKey: alertKeys.history(filters),
    ...adminRead<ListResponse<AlertEvent>>(`/api/admin/alerts${toSearch({ ...filters })}`),
    placeholderData: (previous) => previous,
  });
}

const rulePath = (id: string) => `/api/admin/alert-rules/${encodeURIComponent(id)}`;

export function createAlertRule(body: CreateAlertRuleBody): Promise<AlertRule> {
  return fetchJson<AlertRule>("/api/admin/alert-rules", { method: "POST", body });
}

export function updateAlertRule(id: string, body: UpdateAlertRuleBody): Promise<AlertRule> {
  return fetchJson<AlertRule>(rulePath(id), { method: "PATCH", body });
}

export function deleteAlertRule(id: string): Promise<AlertRule> {
  return fetchJson<AlertRule>(rulePath(id), { method: "DELETE" });
}

/** Resolves once every channel has been tried (with retries): the answer carries each attempt. */
export function sendTestAlert(id: string): Promise<AlertEvent> {
  return fetchJson<AlertEvent>(`${rulePath(id)}/test`, { method: "POST" });
}
