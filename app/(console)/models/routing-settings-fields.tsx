"use client";
// A model's routing settings in the routing dialog: how a deployment is chosen, how many further
// attempts a failed call gets, which models take over when every deployment failed, and the timeouts.
import { Controller } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { nullableNumber, optionalNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { errorOf } from "@/components/ui/use-zod-form";
import { ROUTING_STRATEGIES, type RoutingStrategy } from "@/lib/routing/types";
import type { RoutingForm } from "./routing-form-types";

const STRATEGY_HINTS: Record<RoutingStrategy, string> = {
  priority: "The lowest priority number first; the next one only when it fails or is ejected.",
  "round-robin": "Each healthy deployment in turn.",
  weighted: "At random, in proportion to the weights.",
  "least-latency": "The fastest lately (latency and time to first token, decayed).",
  "least-busy": "The one with the fewest calls in flight.",
  "lowest-cost": "The cheapest by its prices.",
};

export function RoutingSettingsFields({ form, modelNames }: { form: RoutingForm; modelNames: string[] }) {
  const { register, watch } = form;
  const strategy = watch("strategy");
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="routing-strategy" label="Strategy" error={errorOf(form, "strategy")} hint={STRATEGY_HINTS[strategy] ?? undefined}>
          {(control) => (
            <Select {...control} {...register("strategy")} data-testid="routing-strategy">
              {ROUTING_STRATEGIES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="routing-retries" label="Retries" error={errorOf(form, "maxRetries")} hint="Further attempts after a 429, 5xx, timeout or refused connection">
          {(control) => <Input {...control} {...register("maxRetries", optionalNumber)} type="number" min={0} max={10} step={1} data-testid="routing-retries" />}
        </Field>
        <Field id="routing-timeout" label="Timeout (ms)" optional error={errorOf(form, "timeoutMs")} hint="Per attempt; empty = the server's default">
          {(control) => <Input {...control} {...register("timeoutMs", nullableNumber)} type="number" min={100} step={100} placeholder="server default" />}
        </Field>
        <Field id="routing-queue-timeout" label="Queue timeout (ms)" optional error={errorOf(form, "queueTimeoutMs")} hint="Wait for a slot when every deployment is at its cap">
          {(control) => <Input {...control} {...register("queueTimeoutMs", nullableNumber)} type="number" min={0} step={100} placeholder="server default" />}
        </Field>
      </div>
      <Controller
        control={form.control}
        name="fallbackModels"
        render={({ field }) => <FallbackList value={field.value ?? []} onChange={field.onChange} modelNames={modelNames} error={errorOf(form, "fallbackModels")} />}
      />
    </div>
  );
}

/** The fallback models in the order they are tried, with a picker for one more. */
function FallbackList({ value, onChange, modelNames, error }: { value: string[]; onChange: (next: string[]) => void; modelNames: string[]; error?: string }) {
  const choices = modelNames.filter((name) => !value.includes(name));
  const move = (from: number, to: number) => {
    const next = [...value];
    const [name] = next.splice(from, 1);
    next.splice(to, 0, name);
    onChange(next);
  };
  return (
    <Field id="routing-fallback-add" label="Fallback models" optional error={error} hint="Tried in this order when every deployment failed, or when the prompt is too long for this model">
      {(control) => (
        <div className="space-y-2">
          {value.length > 0 && (
            <ol className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" data-testid="fallback-list">
              {value.map((name, i) => (
                <li key={name} className="flex items-center gap-2 px-3 py-1.5 text-sm">
                  <span className="w-5 text-xs text-slate-400">{i + 1}.</span>
                  <span className="min-w-0 flex-1 truncate font-mono text-xs">{name}</span>
                  <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Try ${name} earlier`}>
                    ↑
                  </Button>
                  <Button size="sm" variant="ghost" className="text-red-600" onClick={() => onChange(value.filter((n) => n !== name))} aria-label={`Remove fallback ${name}`}>
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
          )}
          <Select
            {...control}
            value=""
            onChange={(event) => event.target.value && onChange([...value, event.target.value])}
            disabled={choices.length === 0}
            data-testid="fallback-add"
          >
            <option value="">{choices.length === 0 ? "No other model to add" : "Add a fallback model…"}</option>
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </div>
      )}
    </Field>
  );
}
