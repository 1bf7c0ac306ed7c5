"use client";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { formatPrice } from "@/lib/charts/format";
import type { Model } from "@/lib/query/types";

export interface SettingsValues {
  model: string;
  system: string;
  temperature: string;
  maxTokens: string;
}

/** Model picker and sampling settings; numbers stay strings until sent so fields can be cleared. */
export function PlaygroundSettings({ models, values, onChange }: { models: Model[]; values: SettingsValues; onChange: (values: SettingsValues) => void }) {
  const selected = models.find((model) => model.name === values.model);
  return (
    <div className="space-y-4">
      <Field
        id="playground-model"
        label="Model"
        hint={selected ? `${formatPrice(selected.inputPricePerMTok)} in · ${formatPrice(selected.outputPricePerMTok)} out per 1M tokens` : undefined}
      >
        {(control) => (
          <Select {...control} data-testid="playground-model" value={values.model} onChange={(event) => onChange({ ...values, model: event.target.value })}>
            {models.map((model) => (
              <option key={model.id} value={model.name}>
                {model.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="playground-system" label="System prompt" optional>
        {(control) => <Textarea {...control} rows={4} value={values.system} onChange={(event) => onChange({ ...values, system: event.target.value })} />}
      </Field>
      <div className="grid grid-cols-2 gap-3">
        {/* Empty means "the model's default", said by the placeholder: the narrow column has no room for "(optional)". */}
        <Field id="playground-temperature" label="Temperature">
          {(control) => (
            <Input
              {...control}
              type="number"
              min={0}
              max={2}
              step={0.1}
              placeholder="default"
              value={values.temperature}
              onChange={(event) => onChange({ ...values, temperature: event.target.value })}
            />
          )}
        </Field>
        <Field id="playground-max-tokens" label="Max tokens">
          {(control) => (
            <Input
              {...control}
              type="number"
              min={1}
              step={1}
              placeholder="default"
              value={values.maxTokens}
              onChange={(event) => onChange({ ...values, maxTokens: event.target.value })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
