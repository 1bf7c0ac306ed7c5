"use client";
// The providers page's "Connection" column and "Test" button: the last test-connection result
// (POST /api/admin/providers/{id}/test, the provider's free models listing) with its latency, the
// models it found, and the error in words when it failed.
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { formatNumber } from "@/lib/charts/format";
import { testProvider } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Provider } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";

export function ConnectionStatus({ provider }: { provider: Provider }) {
  const test = provider.lastTest;
  if (!test) return <span className="text-xs text-slate-400">Not tested yet</span>;
  return (
    <div className="max-w-72 min-w-40" data-testid="provider-connection">
      <div className="flex flex-wrap items-center gap-1.5">
        {test.ok ? <Badge tone="green">connected</Badge> : <Badge tone="red">{test.status ? `failed · ${test.status}` : "failed"}</Badge>}
        <span className="text-xs text-slate-500 tabular-nums">
          {formatNumber(test.latencyMs)} ms{test.ok ? ` · ${formatNumber(test.modelCount)} model${test.modelCount === 1 ? "" : "s"}` : ""}
        </span>
      </div>
      {test.error && (
        <p className="mt-1 line-clamp-2 text-xs text-red-700" title={test.error} data-testid="provider-connection-error">
          {test.error}
        </p>
      )}
      <p className="mt-0.5 text-[11px] text-slate-400">
        tested <LocalTime iso={test.testedAt} withTime />
      </p>
    </div>
  );
}

/** Runs a test; the providers list (and the first-run checklist, which reads it) refreshes with the result. */
export function useTestConnection() {
  const toast = useToast();
  return useInvalidatingMutation((provider: Provider) => testProvider(provider.id), [queryKeys.providers.all], (result, provider) => {
    toast(result.ok ? `${provider.name}: connected, ${formatNumber(result.modelCount)} models found` : `${provider.name}: ${result.error ?? "the test failed"}`);
  });
}
