"use client";
import { useQuery } from "@tanstack/react-query";
import { Checkbox } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/states";
import { errorMessage } from "@/lib/query/api-error";
import { modelsQuery } from "@/lib/query/models";

/**
 * Multi-select of public model names as checkboxes named "models" (read with FormData.getAll).
 * None ticked means the key may call every model.
 */
export function ModelChecklist({ error }: { error?: string }) {
  const models = useQuery(modelsQuery());
  return (
    <fieldset className="space-y-1.5" aria-describedby={error ? "key-models-error" : "key-models-hint"}>
      <legend className="text-sm font-medium text-slate-700">
        Allowed models <span className="font-normal text-slate-400">(optional)</span>
      </legend>
      <div className="max-h-44 overflow-y-auto rounded-md p-2 ring-1 ring-slate-300 ring-inset" data-testid="key-models">
        {models.isLoading ? (
          <div className="space-y-2 p-1">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-4 w-1/2" />
          </div>
        ) : models.error ? (
          <p className="p-1 text-sm text-red-600">{errorMessage(models.error)}</p>
        ) : models.data?.data.length === 0 ? (
          <p className="p-1 text-sm text-slate-500">No models are configured yet.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-x-4 gap-y-1">
            {models.data?.data.map((model) => (
              <li key={model.id}>
                <label className="flex items-center gap-2 py-0.5 text-sm text-slate-700">
                  <Checkbox name="models" value={model.name} data-testid={`key-model-${model.name}`} />
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
        <p id="key-models-error" className="text-xs text-red-600">
          {error}
        </p>
      ) : (
        <p id="key-models-hint" className="text-xs text-slate-500">
          Leave all unticked to allow every model.
        </p>
      )}
    </fieldset>
  );
}
