"use client";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { resolvePeriod, type PeriodSelection } from "@/lib/billing/billing-period";
import { billingCsvUrl, billingReportQuery, type BillingParams } from "@/lib/billing/billing-query";
import { localDayOf } from "@/lib/time/zoned";
import { BillingChart } from "./billing-chart";
import { BillingFilters, type ScopeSelection } from "./billing-filters";
import { BillingTables } from "./billing-tables";
import { BillingTotals } from "./billing-totals";
import { InvoiceView } from "./invoice-view";

/** `now`: the server's instant (ISO), so the first period is the one page.tsx prefetched. */
export function BillingPageClient({ timeZone, now: initialNow }: { timeZone: string; now: string }) {
  const [scope, setScope] = useState<ScopeSelection>({ scope: "org" });
  const [period, setPeriod] = useState<PeriodSelection>({ preset: "this-month" });
  const [invoiceOpen, setInvoiceOpen] = useState(false);
  // "Today" is fixed when the page opens (and on Refresh), so the query key stays stable.
  const [now, setNow] = useState(() => new Date(initialNow));

  const range = useMemo(() => resolvePeriod(period, timeZone, now), [period, timeZone, now]);
  const needsTarget = scope.scope !== "org" && !scope.scopeId;
  const params: BillingParams | null = range && !needsTarget ? { scope: scope.scope, scopeId: scope.scopeId, ...range } : null;
  const query = useQuery({ ...billingReportQuery(params ?? { scope: "org", from: "", to: "" }), enabled: params !== null });
  const report = params ? query.data : undefined;
  // While another scope or period loads, the previous report stays on screen, dimmed,
  // but it must not be downloaded or printed as if it were the new one.
  const ready = report !== undefined && !query.isPlaceholderData;
  const closeInvoice = useCallback(() => setInvoiceOpen(false), []);

  return (
    <>
      <PageHeader
        title="Billing"
        description="Calls, tokens and cost by model, day and team, for invoicing and chargeback."
        actions={
          <>
            <Button size="sm" variant="ghost" onClick={() => setNow(new Date())} data-testid="billing-refresh">
              Refresh
            </Button>
            {params && ready ? (
              <a
                href={billingCsvUrl(params)}
                download
                data-testid="billing-download-csv"
                className="inline-flex h-8 items-center rounded-md bg-white px-2.5 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              >
                Download CSV
              </a>
            ) : (
              <Button size="sm" disabled>
                Download CSV
              </Button>
            )}
            <Button size="sm" variant="primary" disabled={!ready} onClick={() => setInvoiceOpen(true)} data-testid="billing-open-invoice">
              Printable invoice
            </Button>
          </>
        }
      />
      <BillingFilters
        scope={scope}
        onScopeChange={setScope}
        period={period}
        onPeriodChange={setPeriod}
        today={localDayOf(now, timeZone)}
        timeZone={timeZone}
      />
      {!params ? (
        <Card>
          <EmptyState
            testId="billing-pick"
            title={needsTarget ? `Pick a ${scope.scope === "key" ? "key" : scope.scope}` : "Pick a period"}
            description={needsTarget ? "Search for it in the field above to see its report." : "Choose a first and a last day."}
          />
        </Card>
      ) : query.error && !query.data ? (
        <Card>
          <ErrorState error={query.error} onRetry={() => void query.refetch()} title="Could not load the billing report" />
        </Card>
      ) : (
        <div aria-busy={query.isFetching || undefined} className={query.isPlaceholderData ? "opacity-60" : undefined} data-testid="billing-report">
          <BillingTotals totals={report?.totals ?? null} days={report?.byDay.length ?? 0} />
          <BillingChart report={report} />
          <BillingTables report={report} isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} />
        </div>
      )}
      {invoiceOpen && report && <InvoiceView report={report} onClose={closeInvoice} />}
    </>
  );
}
