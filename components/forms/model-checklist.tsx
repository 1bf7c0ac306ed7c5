"use client";
import { useQuery } from "@tanstack/react-query";
import { Checkbox } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/states";
import { errorMessage } from "@/lib/query/api-error";
import { modelsQuery } from "@/lib/query/models";

/**
 * Multi-select of public model names as checkboxes; none ticked means "every model". Used for a
 * key's models and for the models an admin allows a user's keys; `only` narrows what is offered (a
 * key whose owner is limited cannot be given other models). Controlled (react-hook-form's
 * useController): register() would hand back a lone string instead of a list when one model is
 * offered.
 */
export function ModelChecklist({
  value,
  onChange,
  error,
  only,
  name = "models",
  legend = "Allowed models",
  hint = "Leave all unticked to allow every model.",
}: {
  value: readonly string[] | null | undefined;
  onChange: (models: string[]) => void;
  error?: string;
  only?: readonly string[] | null;
  name?: string;
  legend?: string;
  hint?: string;
}) {
  const models = useQuery(modelsQuery());
  const offered = only ? models.data?.data.filter((model) => only.includes(model.name)) : models.data?.data;
  const ticked = value ?? [];
  const ids = { error: `${name}-models-error`, hint: `${name}-models-hint` };
  return (
    <fieldset className="space-y-1.5" aria-describedby={error ? ids.error : ids.hint}>
      <legend className="text-sm font-medium text-slate-700">
        {legend} <span className="font-normal text-slate-400">(optional)</span>
      </legend>
      <div className="max-h-44 overflow-y-auto rounded-md p-2 ring-1 ring-slate-300 ring-inset" data-testid={`${name === "models" ? "key" : name}-models`}>
        {models.isLoading ? (
          <div className="space-y-2 p-1">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : models.error ? (
          <p className="p-1 text-sm text-red-600">{errorMessage(models.error)}</p>
        ) : offered?.length === 0 ? (
          <p className="p-1 text-sm text-slate-500">No models are configured yet.</p>
        ) : (
          <ul className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
            {offered?.map((model) => (
              <li key={model.id}>
                <label className="flex items-center gap-2 py-0.5 text-sm text-slate-700">
                  <Checkbox
                    name={name}
                    value={model.name}
                    checked={ticked.includes(model.name)}
                    onChange={(event) => onChange(event.target.checked ? [...ticked, model.name] : ticked.filter((picked) => picked !== model.name))}
                    data-testid={`${name === "models" ? "key" : name}-model-${model.name}`}
                  />
                  <span className="truncate font-mono text-xs" title={model.name}>
                    {model.name}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? (
        <p id={ids.error} className="text-xs text-red-600" data-testid={`${name}-error`}>
          {error}
        </p>
      ) : (
        <p id={ids.hint} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </fieldset>
  );
}
