// The console's reads of /api/admin/billing: react-query options and the CSV download link, from
// the same parameters so the table on screen and the file downloaded always match. Built with
// adminRead, so the billing page prefetches its first report on the server like every console page.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { adminRead, toSearch } from "../query/fetch-json";
import type { BillingReport, BillingScope } from "./schemas";

export interface BillingParams {
  scope: BillingScope;
  scopeId?: string;
  /** inclusive calendar days */
  from: string;
  to: string;
}

export const billingQueryKeys = {
  all: ["billing"] as const,
  report: (params: BillingParams) => ["billing", "report", params] as const,
};

export function billingReportQuery(params: BillingParams) {
  return queryOptions({
    queryKey: billingQueryKeys.report(params),
    ...adminRead<BillingReport>(`/api/admin/billing${toSearch({ ...params })}`),
    placeholderData: keepPreviousData,
  });
}

export function billingCsvUrl(params: BillingParams): string {
  return `/api/admin/billing${toSearch({ ...params, format: "csv" })}`;
}
