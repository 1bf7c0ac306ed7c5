"use client";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { Field } from "@/components/ui/field";
import { nullableNumber, nullableText, optionalNumber } from "@/components/ui/form-dialog";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { errorOf } from "@/components/ui/use-zod-form";
import type { createModelSchema } from "@/lib/models/schemas";
import type { Provider } from "@/lib/query/types";

type ModelForm = UseFormReturn<z.input<typeof createModelSchema>, unknown, z.output<typeof createModelSchema>>;
type PriceName = "inputPricePerMTok" | "outputPricePerMTok" | "cachedPricePerMTok" | "cacheWritePricePerMTok";

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
] as const;

export const MODEL_FIELD_LABELS = {
  name: "Public name",
  upstreamModel: "Upstream model",
  providerId: "Provider",
  inputPricePerMTok: "Input price",
  outputPricePerMTok: "Output price",
  cachedPricePerMTok: "Cache read price",
  cacheWritePricePerMTok: "Cache write price",
  contextWindow: "Context window",
  maxOutputTokens: "Max output tokens",
};

function PriceField(props: { form: ModelForm; id: string; name: PriceName; label: string; optional?: boolean; hint?: string }) {
  const { form, id, name, label, optional, hint } = props;
  return (
    <Field id={id} label={label} optional={optional} hint={hint} error={errorOf(form, name)}>
      {(control) => (
        <div className="relative">
          <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-400">$</span>
          <Input {...control} {...form.register(name, optional ? nullableNumber : optionalNumber)} type="number" inputMode="decimal" step="any" className="pl-6" />
        </div>
      )}
    </Field>
  );
}

export function ModelFields({ form, providers, providersLoading }: { form: ModelForm; providers: Provider[]; providersLoading: boolean }) {
  const { register } = form;
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="model-name" label="Public name" error={errorOf(form, "name")} hint="What clients send as “model”.">
          {(control) => <Input {...control} {...register("name")} autoComplete="off" autoFocus className="font-mono" />}
        </Field>
        <Field id="model-upstream" label="Upstream model" error={errorOf(form, "upstreamModel")} hint="The provider's own name for it.">
          {(control) => <Input {...control} {...register("upstreamModel")} autoComplete="off" className="font-mono" />}
        </Field>
      </div>
      <Field id="model-provider" label="Provider" error={errorOf(form, "providerId")} hint="Without a provider the model is a price-list entry and cannot be called.">
        {(control) => (
          // Remounted once the providers are there, so react-hook-form selects the model's provider among them.
          <Select key={providersLoading ? "loading" : "loaded"} {...control} {...register("providerId", nullableText)} disabled={providersLoading}>
            <option value="">No provider yet</option>
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <PriceField form={form} id="model-input-price" name="inputPricePerMTok" label="Input / 1M" />
        <PriceField form={form} id="model-output-price" name="outputPricePerMTok" label="Output / 1M" />
        <PriceField form={form} id="model-cached-price" name="cachedPricePerMTok" label="Cache read / 1M" optional hint="Prompt tokens read from the provider's cache" />
        <PriceField form={form} id="model-cache-write-price" name="cacheWritePricePerMTok" label="Cache write / 1M" optional hint="Anthropic: 1.25× input. Empty = input price" />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="model-context" label="Context window" optional error={errorOf(form, "contextWindow")} hint="Tokens">
          {(control) => <Input {...control} {...register("contextWindow", nullableNumber)} type="number" step={1} />}
        </Field>
        <Field id="model-max-output" label="Max output tokens" optional error={errorOf(form, "maxOutputTokens")}>
          {(control) => <Input {...control} {...register("maxOutputTokens", nullableNumber)} type="number" step={1} />}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox {...register("enabled")} data-testid="model-enabled" />
        Enabled — callable through the gateway and listed in the playground
      </label>
    </>
  );
}
