"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import type { AuditAnchor, AuditLogEntry } from "@/lib/audit/schemas";
import { auditColumns } from "./audit-columns";
import { AuditDiffDialog } from "./audit-diff-dialog";
import { AuditFilterBar } from "./audit-filter-bar";
import { AuditAnchorForm } from "./audit-anchor-form";
import { AUDIT_PAGE_SIZE as PAGE_SIZE, auditExportUrl, auditLogQuery, auditVerifyQuery, type AuditFilterValues, type VerifyRequest } from "./audit-query";
import { AuditVerifyStatus } from "./audit-verify-status";


const exportLinkClass =
  "inline-flex h-8 items-center rounded-md bg-white px-2.5 text-xs font-medium whitespace-nowrap text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function AuditPageClient({ canReseal }: { canReseal: boolean }) {
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<AuditLogEntry | null>(null);
  const query = useQuery(auditLogQuery(filters, page, PAGE_SIZE));
  const [verifyRequest, setVerifyRequest] = useState<VerifyRequest | null>(null);
  const verify = useQuery(auditVerifyQuery(verifyRequest));
  const runVerify = (anchor: AuditAnchor | null = null) => setVerifyRequest({ anchor, at: Date.now() });
  const data = query.data;
  const filtered = Object.keys(filters).length > 0;

  const apply = (next: AuditFilterValues) => {
    setFilters(next);
    setPage(1);
  };
  const columns = auditColumns({
    onFilterActor: (actor) => apply({ ...filters, actor }),
    onFilterTarget: (targetType, targetId) => apply({ ...filters, targetType, targetId }),
    onOpen: setOpen,
  });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in the console or through the admin API, and every sign-in. Entries are chained with a keyed hash and a signed checkpoint: editing, deleting or adding one outside Tollgate breaks the chain."
        actions={
          <>
            <a className={exportLinkClass} href={auditExportUrl(filters, "csv")} download data-testid="audit-export-csv">
              Export CSV
            </a>
            <a className={exportLinkClass} href={auditExportUrl(filters, "json")} download data-testid="audit-export-json">
              Export JSON
            </a>
            <Button size="sm" onClick={() => runVerify()} pending={verify.isFetching} data-testid="audit-verify">
              Verify chain
            </Button>
          </>
        }
      />
      <AuditVerifyStatus query={verify} canReseal={canReseal} onResealed={() => runVerify()} />
      <AuditAnchorForm onCheck={runVerify} pending={verify.isFetching} />
      {/* Re-mounted when the table applies a filter, so the form shows what is applied. */}
      <AuditFilterBar key={JSON.stringify(filters)} applied={filters} onApply={apply} />
      <Card>
        <DataTable
          label="Audit log"
          testId="audit-table"
          rowTestId="audit-row"
          columns={columns}
          rows={data?.data}
          rowKey={(entry) => String(entry.id)}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={
            <EmptyState
              testId="audit-empty"
              title={filtered ? "No entries match these filters" : "No entries yet"}
              description={filtered ? "Widen the date range or clear a filter." : "Changes made in the console or through the admin API, and sign-ins, appear here."}
            />
          }
        />
        {data && data.total > 0 && <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPageChange={setPage} busy={query.isFetching} />}
      </Card>
      <AuditDiffDialog entry={open} onClose={() => setOpen(null)} />
    </>
  );
}
