"use client";
import { Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { fieldErrorOf } from "@/lib/query/api-error";
import type { Model, Provider } from "@/lib/query/types";

export const MODEL_FIELDS = [
  "name",
  "providerId",
  "upstreamModel",
  "inputPricePerMTok",
  "outputPricePerMTok",
  "cachedPricePerMTok",
  "cacheWritePricePerMTok",
  "contextWindow",
  "maxOutputTokens",
  "enabled",
];

function PriceField(props: { id: string; name: string; label: string; value: number | null | undefined; optional?: boolean; hint?: string; error: unknown }) {
  const { id, name, label, value, optional, hint, error } = props;
  return (
    <Field id={id} label={label} optional={optional} hint={hint} error={fieldErrorOf(error, name)}>
      {(control) => (
        <div className="relative">
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-400">$</span>
          <Input {...control} name={name} type="number" inputMode="decimal" min={0} step="any" defaultValue={value ?? ""} className="pl-6" required={!optional} />
        </div>
      )}
    </Field>
  );
}

export function ModelFields({ model, providers, providersLoading, error }: { model: Model | null; providers: Provider[]; providersLoading: boolean; error: unknown }) {
  return (
    <>
      <div className="grid grid-cols-2 gap-4">
        <Field id="model-name" label="Public name" error={fieldErrorOf(error, "name")} hint="What clients send as “model”.">
          {(control) => <Input {...control} name="name" defaultValue={model?.name} autoComplete="off" required autoFocus className="font-mono" />}
        </Field>
        <Field id="model-upstream" label="Upstream model" error={fieldErrorOf(error, "upstreamModel")} hint="The provider's own name for it.">
          {(control) => <Input {...control} name="upstreamModel" defaultValue={model?.upstreamModel} autoComplete="off" required className="font-mono" />}
        </Field>
      </div>
      <Field id="model-provider" label="Provider" error={fieldErrorOf(error, "providerId")} hint="Without a provider the model is a price-list entry and cannot be called.">
        {(control) => (
          <Select {...control} name="providerId" defaultValue={model?.providerId ?? ""} disabled={providersLoading}>
            <option value="">No provider yet</option>
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <PriceField id="model-input-price" name="inputPricePerMTok" label="Input / 1M" value={model?.inputPricePerMTok} error={error} />
        <PriceField id="model-output-price" name="outputPricePerMTok" label="Output / 1M" value={model?.outputPricePerMTok} error={error} />
        <PriceField id="model-cached-price" name="cachedPricePerMTok" label="Cache read / 1M" value={model?.cachedPricePerMTok} optional hint="Prompt tokens read from the provider's cache" error={error} />
        <PriceField id="model-cache-write-price" name="cacheWritePricePerMTok" label="Cache write / 1M" value={model?.cacheWritePricePerMTok} optional hint="Anthropic: 1.25× input. Empty = input price" error={error} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field id="model-context" label="Context window" optional error={fieldErrorOf(error, "contextWindow")} hint="Tokens">
          {(control) => <Input {...control} name="contextWindow" type="number" min={1} step={1} defaultValue={model?.contextWindow ?? ""} />}
        </Field>
        <Field id="model-max-output" label="Max output tokens" optional error={fieldErrorOf(error, "maxOutputTokens")}>
          {(control) => <Input {...control} name="maxOutputTokens" type="number" min={1} step={1} defaultValue={model?.maxOutputTokens ?? ""} />}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox name="enabled" defaultChecked={model?.enabled ?? true} data-testid="model-enabled" />
        Enabled — callable through the gateway and listed in the playground
      </label>
    </>
  );
}
