"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { Table, TBody, Th, THead, Tr } from "@/components/ui/table";
import type { ConsoleBatch } from "@/lib/batches/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { BatchRow } from "./batch-row";
import { BATCH_PAGE_SIZE, batchKeys, batchesQuery, cancelBatch } from "./batches-api";

export function BatchesPageClient({ seesEveryone, canCancel }: { seesEveryone: boolean; canCancel: boolean }) {
  const [page, setPage] = useState(1);
  const batches = useQuery(batchesQuery(page));
  const [cancelling, setCancelling] = useState<ConsoleBatch | null>(null);
  const cancel = useInvalidatingMutation((batch: ConsoleBatch) => cancelBatch(batch.id), [batchKeys.all], () => setCancelling(null));
  const rows = batches.data?.data ?? [];

  return (
    <>
      <PageHeader
        title="Batches"
        description={
          <>
            Requests sent in bulk through <code className="font-mono text-xs">/v1/batches</code> with a virtual key: progress, cost so far and the result files.
            {seesEveryone ? " Every batch of the organization." : " Your batches."}
          </>
        }
      />
      <Card className="overflow-hidden">
        {batches.isLoading ? (
          <LoadingBlock label="Loading batches…" />
        ) : batches.error ? (
          <ErrorState error={batches.error} onRetry={() => void batches.refetch()} title="Could not load batches" />
        ) : rows.length === 0 ? (
          <EmptyState title="No batches yet" description="Upload a JSONL file with POST /v1/files (purpose batch), then POST /v1/batches; the official openai SDK does both." />
        ) : (
          <>
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <Tr>
                    <Th>Batch</Th>
                    <Th>Status</Th>
                    <Th>Progress</Th>
                    <Th className="text-right">Cost so far</Th>
                    <Th>Created</Th>
                    <Th>Files</Th>
                  </Tr>
                </THead>
                <TBody>
                  {rows.map((batch) => (
                    <BatchRow key={batch.id} batch={batch} showOwner={seesEveryone} canCancel={canCancel} onCancel={setCancelling} />
                  ))}
                </TBody>
              </Table>
            </div>
            <Pagination page={page} pageSize={BATCH_PAGE_SIZE} total={batches.data?.total ?? 0} onPageChange={setPage} busy={batches.isFetching} />
          </>
        )}
      </Card>
      <ConfirmDialog
        open={cancelling !== null}
        onClose={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        title="Cancel this batch?"
        description="Nothing more is sent. Requests already in flight finish; the rest go to the error file as cancelled."
        confirmLabel="Cancel batch"
        pending={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : undefined}
      />
    </>
  );
}
