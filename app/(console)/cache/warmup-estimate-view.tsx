import { InlineAlert } from "@/components/ui/inline-alert";
import type { WarmupEstimate, WarmupLineError } from "@/lib/cache-warmup/schemas";
import { formatCompact, formatCurrency, formatNumber } from "@/lib/charts/format";

export function LineErrors({ errors, errorCount, testId = "warmup-line-errors" }: { errors: WarmupLineError[]; errorCount: number; testId?: string }) {
  if (errorCount === 0) return null;
  return (
    <InlineAlert tone="warning" testId={testId}>
      <p className="font-medium">
        {formatNumber(errorCount)} {errorCount === 1 ? "line was" : "lines were"} left out:
      </p>
      <ul className="mt-1 max-h-40 list-inside list-disc space-y-0.5 overflow-y-auto text-xs">
        {errors.map((error) => (
          <li key={`${error.line}:${error.message}`}>
            Line {error.line}: {error.message}
          </li>
        ))}
        {errorCount > errors.length && <li>…and {formatNumber(errorCount - errors.length)} more</li>}
      </ul>
    </InlineAlert>
  );
}

/** The cost before the start: the prompts alone, and the worst case that quotas will hold. */
export function WarmupEstimateView({ estimate }: { estimate: WarmupEstimate }) {
  return (
    <div className="space-y-3" data-testid="warmup-estimate">
      {!estimate.cacheEnabled && (
        <InlineAlert tone="warning" testId="warmup-cache-off">
          The cache is off: these calls would be charged and nothing stored. Turn it on under Settings first.
        </InlineAlert>
      )}
      <dl className="grid grid-cols-2 gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Prompts</dt>
          <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="warmup-estimate-total">
            {formatNumber(estimate.total)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Prompt tokens</dt>
          <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCompact(estimate.inputTokens)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Prompts alone</dt>
          <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCurrency(estimate.inputCost)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">At most</dt>
          <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="warmup-estimate-max">
            {formatCurrency(estimate.maxCost)}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-slate-500">
        “At most” prices {formatCompact(estimate.maxOutputTokens)} answer tokens (each item’s max_tokens, else the model’s output limit, else 4,096) at {estimate.model}’s
        prices: it is what quotas hold while the job runs. Answers already in the cache cost nothing.
      </p>
      <LineErrors errors={estimate.errors} errorCount={estimate.errorCount} />
    </div>
  );
}
