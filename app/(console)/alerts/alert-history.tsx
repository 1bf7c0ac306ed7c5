"use client";
// Alert history: every alert and test alert, newest first, filtered by rule and date range; a row
// expands to its delivery attempts.
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import { useDateRange } from "@/components/filters/use-date-range";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import { LocalTime } from "@/components/ui/local-time";
import { formatMetricValue } from "@/lib/alerts/metric-format";
import type { AlertEvent, AlertRule } from "@/lib/alerts/schemas";
import { ALERT_HISTORY_PAGE_SIZE, alertHistoryQuery } from "./alerts-api";
import { AlertDeliveries } from "./alert-deliveries";
import { AlertStatusBadge } from "./alert-status-badge";

const PAGE_SIZE = ALERT_HISTORY_PAGE_SIZE;

/** `now`: the server's instant (ISO), so the first range is the one page.tsx prefetched. */
export function AlertHistory({ rules, now }: { rules: AlertRule[]; now?: string }) {
  const [ruleId, setRuleId] = useState("");
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const dateRange = useDateRange({ preset: "7d" }, now);
  const custom = dateRange.selection.preset === "custom";
  // Presets stay open-ended so an alert sent a moment ago is in the list; custom ranges are closed.
  const filters = { ruleId: ruleId || undefined, from: dateRange.range?.from, to: custom ? dateRange.range?.to : undefined, page, pageSize: PAGE_SIZE };
  const query = useQuery({ ...alertHistoryQuery(filters), enabled: dateRange.range !== null });
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Card data-testid="alert-history">
      <CardHeader title="History" description="Alerts and test alerts, newest first. Expand a row to see every delivery attempt." />
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
        <div className="space-y-1">
          <Label htmlFor="alert-history-rule" className="text-xs text-slate-500">
            Rule
          </Label>
          <Select
            id="alert-history-rule"
            className="w-64"
            value={ruleId}
            onChange={(event) => {
              setRuleId(event.target.value);
              setPage(1);
            }}
            data-testid="alert-history-rule"
          >
            <option value="">All rules</option>
            {rules.map((rule) => (
              <option key={rule.id} value={rule.id}>
                {rule.name}
              </option>
            ))}
          </Select>
        </div>
        <DateRangeFilter
          idPrefix="alert-history"
          state={{
            ...dateRange,
            select: (selection) => {
              dateRange.select(selection);
              setPage(1);
            },
          }}
        />
      </div>
      {query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <LoadingBlock label="Loading alert history…" />
      ) : query.data.data.length === 0 ? (
        <EmptyState title="No alerts in this range" description="Alerts appear here when a rule fires, or when you send a test alert." />
      ) : (
        <>
          <Table aria-label="Alert history" aria-busy={query.isFetching || undefined} data-testid="alert-history-table">
            <THead>
              <tr>
                <Th className="w-8">
                  <span className="sr-only">Details</span>
                </Th>
                <Th>Time</Th>
                <Th>Rule</Th>
                <Th className="w-full">Alert</Th>
                <Th className="text-right">Threshold</Th>
                <Th className="text-right">Value</Th>
                <Th>Delivery</Th>
              </tr>
            </THead>
            <TBody>
              {query.data.data.map((event) => (
                <HistoryRow key={event.id} event={event} open={expanded.has(event.id)} onToggle={() => toggle(event.id)} />
              ))}
            </TBody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={query.data.total} onPageChange={setPage} busy={query.isFetching} />
        </>
      )}
    </Card>
  );
}

function HistoryRow({ event, open, onToggle }: { event: AlertEvent; open: boolean; onToggle: () => void }) {
  const detailsId = `alert-${event.id}-details`;
  return (
    <Fragment>
      <Tr data-testid="alert-history-row" data-event-id={event.id}>
        <Td>
          <button
            type="button"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={open ? "Hide delivery attempts" : "Show delivery attempts"}
            className="flex size-6 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
            data-testid="toggle-alert-details"
          >
            <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className={`size-4 transition-transform ${open ? "rotate-90" : ""}`}>
              <path fillRule="evenodd" d="M7.2 14.8a.75.75 0 0 1 0-1.06L10.94 10 7.2 6.26a.75.75 0 1 1 1.06-1.06l4.27 4.27a.75.75 0 0 1 0 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0Z" clipRule="evenodd" />
            </svg>
          </button>
        </Td>
        <Td className="whitespace-nowrap">
          <LocalTime iso={event.createdAt} withTime />
        </Td>
        <Td className="whitespace-nowrap">
          <span className="font-medium text-slate-900">{event.ruleName}</span>
          {event.test && (
            <Badge tone="sky" className="ml-2">
              Test
            </Badge>
          )}
        </Td>
        {/* max-w-0 + the header's w-full: the message takes the room that is left and truncates, so
            the table never grows wider than the card (the delivery column stays visible at 1280 px). */}
        <Td className="max-w-0">
          <p className="truncate" title={event.message}>
            {event.message}
          </p>
        </Td>
        <Td className="text-right tabular-nums">{formatMetricValue(event.metric, event.threshold)}</Td>
        <Td className="text-right tabular-nums">{event.test ? "—" : formatMetricValue(event.metric, event.value)}</Td>
        <Td>
          <AlertStatusBadge status={event.status} />
        </Td>
      </Tr>
      {open && (
        <tr id={detailsId} className="bg-slate-50/70">
          <td />
          <td colSpan={6} className="max-w-0 px-3 py-3">
            <p className="mb-2 text-sm whitespace-normal text-slate-700">{event.message}</p>
            <p className="mb-3 text-xs break-all text-slate-500">
              Period <span className="font-mono">{event.periodKey}</span> · alert id <span className="font-mono">{event.id}</span>
            </p>
            <AlertDeliveries deliveries={event.deliveries} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
