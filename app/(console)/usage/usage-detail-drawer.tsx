"use client";
// One call's details in a side drawer (Radix Dialog: focus trap, Escape, labelled for screen
// readers). Opened from the log's "Details" button; the page keeps the log behind it.
import * as Dialog from "@radix-ui/react-dialog";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { usageDetailQuery } from "@/lib/query/usage";
import { CapturedBodies } from "./captured-bodies";
import { UsageDetailFields } from "./usage-detail-fields";

export function UsageDetailDrawer({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  return (
    <Dialog.Root open={requestId !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60" />
        <Dialog.Content
          data-testid="usage-drawer"
          className="fixed inset-y-0 right-0 z-50 flex w-full max-w-xl flex-col bg-white shadow-xl focus:outline-none"
          aria-describedby={undefined}
        >
          {requestId && <DrawerBody requestId={requestId} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function DrawerBody({ requestId }: { requestId: string }) {
  const detail = useQuery(usageDetailQuery(requestId));
  const call = detail.data;
  return (
    <>
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <Dialog.Title className="text-base font-semibold text-slate-900">Call details</Dialog.Title>
          <p className="mt-1 flex items-center gap-2 truncate font-mono text-xs text-slate-500">
            <span className="truncate" data-testid="usage-drawer-request-id">
              {requestId}
            </span>
            <CopyButton text={requestId} label="Copy id" />
          </p>
          {call?.captured && (
            <Badge tone="indigo" className="mt-2" testId="usage-drawer-capture-badge">
              Body capture on: request and response stored
            </Badge>
          )}
        </div>
        <Dialog.Close asChild>
          <Button size="sm" variant="ghost" aria-label="Close details">
            Close
          </Button>
        </Dialog.Close>
      </div>
      <div className="flex-1 overflow-y-auto px-5 py-4">
        {detail.isLoading && <LoadingBlock label="Loading the call…" />}
        {detail.error && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} title="Could not load this call" />}
        {call && (
          <>
            <UsageDetailFields call={call} />
            <CapturedBodies call={call} />
          </>
        )}
      </div>
    </>
  );
}
