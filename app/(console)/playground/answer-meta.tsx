import { CopyButton } from "@/components/ui/copy-button";
import { formatCurrency, formatDuration, formatNumber } from "@/lib/charts/format";
import type { PlaygroundSummary } from "@/lib/query/playground-stream";

function Item({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <span>
      <span className="text-slate-400">{label}</span> <span data-testid={testId}>{value}</span>
    </span>
  );
}

/** The line under an answer: what the call cost, how fast it was and who served it, as the gateway recorded it. */
export function AnswerMeta({ summary }: { summary: PlaygroundSummary }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" data-testid="answer-meta">
      <Item label="in" value={formatNumber(summary.usage.prompt_tokens)} testId="meta-tokens-in" />
      <Item label="out" value={formatNumber(summary.usage.completion_tokens)} testId="meta-tokens-out" />
      {summary.estimated && (
        <span className="text-amber-600" title="The provider did not report usage; Tollgate counted the tokens itself" data-testid="meta-estimated">
          ≈ estimated
        </span>
      )}
      <Item label="cost" value={formatCurrency(summary.cost)} testId="meta-cost" />
      <Item label="latency" value={formatDuration(summary.latencyMs)} testId="meta-latency" />
      <Item label="TTFT" value={formatDuration(summary.ttftMs)} testId="meta-ttft" />
      <Item label="cache" value={summary.cache} testId="meta-cache" />
      {summary.provider && <Item label="served by" value={summary.provider} testId="meta-provider" />}
      {summary.attempts !== undefined && summary.attempts > 1 && <Item label="attempts" value={String(summary.attempts)} testId="meta-attempts" />}
      {summary.fallbackModel && <Item label="fallback" value={summary.fallbackModel} testId="meta-fallback" />}
      <RequestId id={summary.requestId} />
    </div>
  );
}

export function RequestId({ id }: { id: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="text-slate-400">request</span>
      <code className="font-mono" data-testid="meta-request-id">
        {id}
      </code>
      <CopyButton text={id} label="Copy request id" testId="copy-request-id" className="h-6 px-2" />
    </span>
  );
}
