import { cn } from "@/components/ui/cn";
import { formatCurrency, formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";
import type { PromptCount as Count } from "@/lib/query/playground-tokens";

/** One line under the composer: the prompt's tokens and the most the call may cost, as the gateway counts them. */
export function PromptCount({ count, error, updating }: { count: Count | undefined; error: unknown; updating: boolean }) {
  if (error) {
    return (
      <p className="text-xs text-red-600" data-testid="prompt-count-error">
        Could not count the prompt: {errorMessage(error)}
      </p>
    );
  }
  if (!count) return <p className="text-xs text-slate-400" data-testid="prompt-count">Counting the prompt…</p>;
  return (
    <p className={cn("flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 transition-opacity", updating && "opacity-60")} data-testid="prompt-count" aria-live="polite">
      <span>
        <span className="text-slate-400">prompt</span> <span data-testid="prompt-tokens">{formatNumber(count.input_tokens)}</span> tokens
      </span>
      <span title="The prompt and the most output the call may produce (max tokens, or the model's limit), at the model's prices">
        <span className="text-slate-400">at most</span> <span data-testid="prompt-max-cost">{formatCurrency(count.max_cost)}</span>
      </span>
      {count.fits === false && count.context_window !== null && (
        <span className="text-amber-700" data-testid="prompt-too-long">
          over the context window of {formatNumber(count.context_window)} tokens
        </span>
      )}
    </p>
  );
}
