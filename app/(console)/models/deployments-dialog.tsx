"use client";
// The model page's routing editor: the model's deployments (add, remove, order, weight, priority,
// cap, drain or disable, own prices) and its routing settings, saved in one
// PUT /api/admin/models/{id}/routing. Deployments keep their id, so their health and history stay.
import { useQuery } from "@tanstack/react-query";
import { useFieldArray } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormDialog } from "@/components/ui/form-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { putRoutingSchema, type Routing } from "@/lib/models/routing-schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { modelsQuery } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { DeploymentFields } from "./deployment-fields";
import { putRouting, routingQuery } from "./routing-api";
import { ROUTING_FIELDS, ROUTING_LABELS, type RoutingFormInput } from "./routing-form-types";
import { RoutingSettingsFields } from "./routing-settings-fields";

export function DeploymentsDialog({ model, onClose }: { model: Model | null; onClose: () => void }) {
  return model && <RoutingLoader key={model.id} model={model} onClose={onClose} />;
}

function RoutingLoader({ model, onClose }: { model: Model; onClose: () => void }) {
  // Always read fresh: another admin (or the configuration file) may have changed it.
  const routing = useQuery({ ...routingQuery(model.id), staleTime: 0, refetchOnMount: "always" });
  if (routing.data && !routing.isFetching) return <RoutingForm model={model} routing={routing.data} onClose={onClose} />;
  return (
    <Dialog open onClose={onClose} title={`Routing of ${model.name}`} size="lg" testId="routing-form">
      {routing.error ? <ErrorState error={routing.error} onRetry={() => void routing.refetch()} title="Could not load the routing" /> : <LoadingBlock label="Loading the routing…" />}
    </Dialog>
  );
}

function toFormValues(routing: Routing): RoutingFormInput {
  return {
    strategy: routing.strategy,
    maxRetries: routing.maxRetries,
    fallbackModels: routing.fallbackModels,
    timeoutMs: routing.timeoutMs,
    queueTimeoutMs: routing.queueTimeoutMs,
    router: routing.router,
    deployments: routing.deployments.map((d) => ({
      id: d.id,
      providerId: d.providerId,
      upstreamModel: d.upstreamModel,
      weight: d.weight,
      priority: d.priority,
      maxConcurrency: d.maxConcurrency,
      inputPricePerMTok: d.inputPricePerMTok,
      outputPricePerMTok: d.outputPricePerMTok,
      cachedPricePerMTok: d.cachedPricePerMTok,
      cacheWritePricePerMTok: d.cacheWritePricePerMTok,
      state: d.state,
    })),
  };
}

function RoutingForm({ model, routing, onClose }: { model: Model; routing: Routing; onClose: () => void }) {
  const toast = useToast();
  const providers = useQuery(providersQuery());
  const models = useQuery(modelsQuery());
  const form = useZodForm(putRoutingSchema, { labels: ROUTING_LABELS, defaultValues: toFormValues(routing) });
  // keyName: the deployments' own `id` must stay in the values (it keeps a deployment's health and history).
  const deployments = useFieldArray({ control: form.control, name: "deployments", keyName: "key" });
  const save = useInvalidatingMutation((body: Parameters<typeof putRouting>[1]) => putRouting(model.id, body), [queryKeys.models.all, queryKeys.providers.all], (saved) => {
    onClose();
    toast(`Routing of ${saved.model} saved`);
  });
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, ROUTING_FIELDS, ROUTING_LABELS) }));
  const isRouter = routing.router !== null;
  const modelNames = (models.data?.data ?? []).map((m) => m.name).filter((name) => name !== model.name);
  const addDeployment = () =>
    deployments.append({ providerId: providers.data?.data[0]?.id ?? "", upstreamModel: model.upstreamModel, weight: 1, priority: 0, maxConcurrency: null, state: "active" });

  return (
    <FormDialog
      onClose={onClose}
      title={`Routing of ${model.name}`}
      description="Where calls to this model go, and what happens when a deployment fails. Saved for every replica at once."
      submitLabel="Save routing"
      pending={save.isPending}
      formError={formErrorOf(save.error, ROUTING_FIELDS)}
      onSubmit={submit}
      testId="routing-form"
      size="lg"
    >
      <RoutingSettingsFields form={form} modelNames={modelNames} />
      {isRouter ? (
        <InlineAlert tone="info">
          {model.name} is an auto router over {routing.router?.candidates.join(", ")}: it has no deployments of its own. Its candidates and rules are set through the routing API or the configuration
          file (docs/routing.md).
        </InlineAlert>
      ) : (
        <section className="space-y-3" aria-labelledby="deployments-heading">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="deployments-heading" className="text-sm font-semibold text-slate-900">
              Deployments <span className="font-normal text-slate-500">({deployments.fields.length})</span>
            </h3>
            <Button size="sm" onClick={addDeployment} disabled={deployments.fields.length >= 50} data-testid="add-deployment">
              Add deployment
            </Button>
          </div>
          {errorOf(form, "deployments") && <p className="text-xs text-red-600">{errorOf(form, "deployments")}</p>}
          {deployments.fields.length === 0 && <p className="text-sm text-slate-500">No deployment: calls to {model.name} are refused until one is added.</p>}
          {deployments.fields.map((field, index) => (
            <DeploymentFields
              key={field.key}
              form={form}
              index={index}
              count={deployments.fields.length}
              providers={providers.data?.data ?? []}
              providersLoading={providers.isLoading}
              onRemove={() => deployments.remove(index)}
              onMove={(to) => deployments.move(index, to)}
            />
          ))}
        </section>
      )}
    </FormDialog>
  );
}
