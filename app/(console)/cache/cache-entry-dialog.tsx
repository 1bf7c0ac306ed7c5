"use client";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { formatNumber } from "@/lib/charts/format";
import { formatBytes } from "@/lib/charts/prepare-cache-stats";
import { cacheEntryQuery } from "./cache-api";

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/** One entry: the cached request and the stored answer, as a reader would check them. */
export function CacheEntryDialog({ id, teamName, onClose }: { id: string; teamName: (id: string | null) => string; onClose: () => void }) {
  const entry = useQuery(cacheEntryQuery(id));
  const data = entry.data;
  return (
    <Dialog open onClose={onClose} title="Cache entry" size="lg" testId="cache-entry-dialog" footer={<Button onClick={onClose}>Close</Button>}>
      {entry.error ? (
        <ErrorState error={entry.error} onRetry={() => void entry.refetch()} title="Could not load this entry" />
      ) : !data ? (
        <LoadingBlock />
      ) : (
        <div className="space-y-4">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Detail label="Model">{data.model}</Detail>
            <Detail label="Namespace">{data.namespace === "org" ? "Organization" : data.teamId ? `Team ${teamName(data.teamId)}` : data.namespace}</Detail>
            <Detail label="Hits">{formatNumber(data.hits)}</Detail>
            <Detail label="Tokens">
              {formatNumber(data.inputTokens)} in · {formatNumber(data.outputTokens)} out
            </Detail>
            <Detail label="Size">{formatBytes(data.bytes)}</Detail>
            <Detail label="Expires">
              <LocalTime iso={data.expiresAt} withTime />
            </Detail>
          </dl>
          <section>
            <h3 className="text-xs font-medium text-slate-500">Prompt</h3>
            <p className="mt-1 rounded-md bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-800" data-testid="cache-entry-prompt">
              {data.prompt}
            </p>
          </section>
          {data.answerText !== null && (
            <section>
              <h3 className="text-xs font-medium text-slate-500">Answer</h3>
              <p className="mt-1 max-h-64 overflow-y-auto rounded-md bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-800" data-testid="cache-entry-answer">
                {data.answerText}
              </p>
            </section>
          )}
          <details>
            <summary className="cursor-pointer text-xs font-medium text-slate-500">Request as stored (JSON)</summary>
            <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 dark:bg-slate-50 dark:text-slate-800 dark:ring-1 dark:ring-slate-200">{JSON.stringify(data.request, null, 2)}</pre>
          </details>
        </div>
      )}
    </Dialog>
  );
}
