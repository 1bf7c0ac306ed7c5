"use client";
// The printable statement: an overlay rendered straight into <body>, outside the console shell, so
// the print stylesheet can hide everything else and window.print() gives a clean page without the
// sidebar or the top bar.
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { invoiceAmountFormatter } from "@/lib/billing/invoice-amounts";
import type { BillingReport, BillingScope } from "@/lib/billing/schemas";
import { formatNumber } from "@/lib/charts/format";

const OVERLAY_ID = "billing-invoice";

const PRINT_CSS = `
@media print {
  body > *:not(#${OVERLAY_ID}) { display: none !important; }
  html, body { height: auto !important; background: #fff !important; }
  #${OVERLAY_ID} { position: static !important; overflow: visible !important; background: #fff !important; }
  @page { margin: 16mm; }
}`;

const SCOPE_LABELS: Record<BillingScope, string> = { org: "Organization", team: "Team", user: "User", key: "API key" };

function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function InvoiceView({ report, onClose }: { report: BillingReport; onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const issued = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  const teams = report.byTeam.length > 1 ? report.byTeam : [];
  const amount = invoiceAmountFormatter([report.totals.cost, ...report.byModel.map((l) => l.cost), ...teams.map((l) => l.cost)]);

  return createPortal(
    <div id={OVERLAY_ID} role="dialog" aria-modal="true" aria-label="Printable invoice" className="fixed inset-0 z-50 overflow-y-auto bg-slate-100" data-testid="billing-invoice">
      <style>{PRINT_CSS}</style>
      <div className="sticky top-0 flex items-center justify-between border-b border-slate-200 bg-white/95 px-6 py-3 backdrop-blur print:hidden">
        <p className="text-sm text-slate-600">Printable invoice · use your browser&apos;s print dialog to save it as PDF</p>
        <div className="flex gap-2">
          <Button autoFocus variant="primary" size="sm" onClick={() => window.print()} data-testid="invoice-print">
            Print
          </Button>
          <Button size="sm" onClick={onClose} data-testid="invoice-close">
            Close
          </Button>
        </div>
      </div>
      <article className="mx-auto my-8 max-w-3xl bg-white p-10 text-slate-900 shadow-sm ring-1 ring-slate-200 print:m-0 print:max-w-none print:p-0 print:shadow-none print:ring-0">
        <header className="flex items-start justify-between gap-6 border-b border-slate-200 pb-6">
          <div>
            <p className="text-xs font-semibold tracking-widest text-indigo-600 uppercase">Usage statement</p>
            <h1 className="mt-1 text-2xl font-semibold" data-testid="invoice-org">
              {report.organization.name}
            </h1>
          </div>
          <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-1 text-right text-sm">
            <dt className="text-slate-500">Period</dt>
            <dd className="font-medium" data-testid="invoice-period">
              {formatDay(report.firstDay)} – {formatDay(report.lastDay)}
            </dd>
            <dt className="text-slate-500">Time zone</dt>
            <dd>{report.timeZone}</dd>
            <dt className="text-slate-500">Issued</dt>
            <dd>{issued}</dd>
            <dt className="text-slate-500">Currency</dt>
            <dd>{report.currency}</dd>
          </dl>
        </header>

        <section className="mt-6">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Billed to</p>
          <p className="mt-1 text-sm">
            {SCOPE_LABELS[report.scope]}: <span className="font-medium break-all">{report.scopeName}</span>
          </p>
        </section>

        <table className="mt-8 w-full text-sm" data-testid="invoice-lines">
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs tracking-wide text-slate-500 uppercase">
              <th className="py-2 pr-3 font-semibold">Model</th>
              <th className="py-2 pr-3 text-right font-semibold">Calls</th>
              <th className="py-2 pr-3 text-right font-semibold">Input tokens</th>
              <th className="py-2 pr-3 text-right font-semibold">Output tokens</th>
              <th className="py-2 text-right font-semibold">Amount</th>
            </tr>
          </thead>
          <tbody>
            {report.byModel.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-6 text-center text-slate-500">
                  No usage in this period.
                </td>
              </tr>
            ) : (
              report.byModel.map((line) => (
                <tr key={line.model} className="border-b border-slate-100 break-inside-avoid">
                  <td className="py-2 pr-3 break-all">{line.model}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(line.calls)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(line.inputTokens)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatNumber(line.outputTokens)}</td>
                  <td className="py-2 text-right tabular-nums">{amount(line.cost)}</td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold">
              <td className="py-3 pr-3">Total</td>
              <td className="py-3 pr-3 text-right tabular-nums">{formatNumber(report.totals.calls)}</td>
              <td className="py-3 pr-3 text-right tabular-nums">{formatNumber(report.totals.inputTokens)}</td>
              <td className="py-3 pr-3 text-right tabular-nums">{formatNumber(report.totals.outputTokens)}</td>
              <td className="py-3 text-right text-base tabular-nums" data-testid="invoice-total">
                {amount(report.totals.cost)}
              </td>
            </tr>
          </tfoot>
        </table>

        {teams.length > 0 && (
          <section className="mt-10 break-inside-avoid">
            <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Charges by team</h2>
            <table className="mt-2 w-full text-sm">
              <tbody>
                {teams.map((line) => (
                  <tr key={line.teamId ?? ""} className="border-b border-slate-100">
                    <td className="py-1.5 pr-3">{line.teamId === null ? "No team" : (line.teamName ?? `Deleted team (${line.teamId})`)}</td>
                    <td className="py-1.5 pr-3 text-right text-slate-500 tabular-nums">{formatNumber(line.calls)} calls</td>
                    <td className="py-1.5 text-right tabular-nums">{amount(line.cost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        <footer className="mt-10 border-t border-slate-200 pt-4 text-xs text-slate-500">
          Computed by Tollgate from its usage records, at the model prices in effect when each call was made. Amounts are in US
          dollars, exact to the micro-dollar. Days are calendar days in {report.timeZone}.
        </footer>
      </article>
    </div>,
    document.body,
  );
}
