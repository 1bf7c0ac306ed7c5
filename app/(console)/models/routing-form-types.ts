// The routing dialog's form: react-hook-form over the very schema PUT /api/admin/models/{id}/routing
// parses, with the labels its messages lead with.
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { putRoutingSchema } from "@/lib/models/routing-schemas";
import type { FieldLabels } from "@/lib/validation/plain-errors";

export type RoutingFormInput = z.input<typeof putRoutingSchema>;
export type RoutingForm = UseFormReturn<RoutingFormInput, unknown, z.output<typeof putRoutingSchema>>;

/** The form's top-level fields: an API refusal naming one of them (or a path under it) goes there. */
export const ROUTING_FIELDS = ["strategy", "deployments", "maxRetries", "fallbackModels", "timeoutMs", "queueTimeoutMs", "router"] as const;

const DEPLOYMENT_LABELS = {
  providerId: "Provider",
  upstreamModel: "Upstream model",
  weight: "Weight",
  priority: "Priority",
  maxConcurrency: "Max in flight",
  state: "State",
  inputPricePerMTok: "Input price",
  outputPricePerMTok: "Output price",
  cachedPricePerMTok: "Cache read price",
  cacheWritePricePerMTok: "Cache write price",
};

/** The schema allows 50 deployments; each one's fields read "Weight must be at least 1", not "Deployments …". */
const MAX_DEPLOYMENTS = 50;

export const ROUTING_LABELS: FieldLabels = {
  strategy: "Strategy",
  deployments: "Deployments",
  maxRetries: "Retries",
  fallbackModels: "Fallback models",
  timeoutMs: "Timeout",
  queueTimeoutMs: "Queue timeout",
  ...Object.fromEntries(
    Array.from({ length: MAX_DEPLOYMENTS }, (_, i) => Object.entries(DEPLOYMENT_LABELS).map(([name, label]) => [`deployments.${i}.${name}`, label])).flat(),
  ),
};
