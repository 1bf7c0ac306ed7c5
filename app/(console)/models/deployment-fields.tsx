"use client";
// One deployment in the routing dialog: which provider serves the model under which upstream name,
// its share of the traffic (weight, priority), its concurrency cap, its admin state and, when it is
// priced differently from the model (another region, a reseller), its own prices.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { nullableNumber, optionalNumber } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { errorOf } from "@/components/ui/use-zod-form";
import type { Provider } from "@/lib/query/types";
import type { RoutingForm } from "./routing-form-types";

type PriceName = "inputPricePerMTok" | "outputPricePerMTok" | "cachedPricePerMTok" | "cacheWritePricePerMTok";
const PRICES: { name: PriceName; label: string }[] = [
  { name: "inputPricePerMTok", label: "Input / 1M" },
  { name: "outputPricePerMTok", label: "Output / 1M" },
  { name: "cachedPricePerMTok", label: "Cache read / 1M" },
  { name: "cacheWritePricePerMTok", label: "Cache write / 1M" },
];

const STATE_HINTS = {
  active: "takes calls",
  draining: "no new calls; calls in flight finish",
  disabled: "takes no calls",
} as const;

export function DeploymentFields({
  form,
  index,
  providers,
  providersLoading,
  onRemove,
  onMove,
  count,
}: {
  form: RoutingForm;
  index: number;
  providers: Provider[];
  providersLoading: boolean;
  onRemove: () => void;
  onMove: (to: number) => void;
  count: number;
}) {
  const { register, watch } = form;
  const at = `deployments.${index}` as const;
  const kept = watch(`${at}.id`);
  const state = watch(`${at}.state`) ?? "active";
  const id = (field: string) => `deployment-${index}-${field}`;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="deployment-fields">
      <legend className="flex flex-wrap items-center gap-2 px-1 text-sm font-medium text-slate-700">
        Deployment {index + 1}
        {!kept && <Badge tone="indigo">new</Badge>}
      </legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field id={id("provider")} label="Provider" error={errorOf(form, `${at}.providerId`)}>
          {(control) => (
            // Remounted once the providers are there, so react-hook-form selects the saved one among them.
            <Select key={providersLoading ? "loading" : "loaded"} {...control} {...register(`${at}.providerId`)} disabled={providersLoading} data-testid="deployment-provider">
              <option value="">Choose a provider…</option>
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id={id("upstream")} label="Upstream model" error={errorOf(form, `${at}.upstreamModel`)}>
          {(control) => <Input {...control} {...register(`${at}.upstreamModel`)} autoComplete="off" className="font-mono" data-testid="deployment-upstream" />}
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field id={id("weight")} label="Weight" error={errorOf(form, `${at}.weight`)} hint="Share under weighted">
          {(control) => <Input {...control} {...register(`${at}.weight`, optionalNumber)} type="number" min={1} step={1} data-testid="deployment-weight" />}
        </Field>
        <Field id={id("priority")} label="Priority" error={errorOf(form, `${at}.priority`)} hint="Lower goes first">
          {(control) => <Input {...control} {...register(`${at}.priority`, optionalNumber)} type="number" min={0} step={1} data-testid="deployment-priority" />}
        </Field>
        <Field id={id("concurrency")} label="Max in flight" optional error={errorOf(form, `${at}.maxConcurrency`)}>
          {(control) => <Input {...control} {...register(`${at}.maxConcurrency`, nullableNumber)} type="number" min={1} step={1} placeholder="no cap" />}
        </Field>
        <Field id={id("state")} label="State" error={errorOf(form, `${at}.state`)} hint={STATE_HINTS[state]}>
          {(control) => (
            <Select {...control} {...register(`${at}.state`)} data-testid="deployment-state">
              <option value="active">Active</option>
              <option value="draining">Draining</option>
              <option value="disabled">Disabled</option>
            </Select>
          )}
        </Field>
      </div>
      <details className="group" open={PRICES.some((p) => form.getValues(`${at}.${p.name}`) != null)}>
        <summary className="cursor-pointer text-xs font-medium text-slate-600 select-none hover:text-slate-900">Own prices (empty = the model&apos;s)</summary>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {PRICES.map((price) => (
            <Field key={price.name} id={id(price.name)} label={price.label} optional error={errorOf(form, `${at}.${price.name}`)}>
              {(control) => <Input {...control} {...register(`${at}.${price.name}`, nullableNumber)} type="number" inputMode="decimal" min={0} step="any" placeholder="model's" />}
            </Field>
          ))}
        </div>
      </details>
      <div className="flex flex-wrap justify-end gap-1">
        <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move deployment ${index + 1} up`}>
          Move up
        </Button>
        <Button size="sm" variant="ghost" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={`Move deployment ${index + 1} down`}>
          Move down
        </Button>
        <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={onRemove} aria-label={`Remove deployment ${index + 1}`} data-testid="remove-deployment">
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
