// Label values of the per-call series (call-metrics.ts), each bounded so that a client cannot grow
// the number of series (docs/observability.md, "Why every label is bounded"):
// - endpoint: a fixed set (chat.completions, embeddings, messages);
// - status: the class of the HTTP status (2xx, 4xx, 5xx), not the status itself;
// - model: the public model name of the catalog; a name the catalog does not know (a refused
//   "unknown model" call carries whatever the client sent) is `other`, and so is every name past
//   MAX_MODEL_LABELS distinct ones in this process;
// - provider: the provider's name as the admin configured it (`none` for calls no provider served:
//   refusals, cache hits), bounded by the providers an admin configured;
// - team: the team's id (bounded by the teams an admin created; `none` without a team). Key and
//   user ids are never labels: they grow with every key issued.
import { healthRegistry } from "../routing/health-registry";
import type { UsageEvent } from "../usage/usage-event";

export const MAX_MODEL_LABELS = 200;
export const OTHER = "other";
export const NONE = "none";

const STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"];

export function statusClass(status: number): string {
  return STATUS_CLASSES[Math.floor(status / 100) - 1] ?? "5xx";
}

/** Model names seen as labels in this thread: the first MAX_MODEL_LABELS, then `other`. */
export class ModelLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max = MAX_MODEL_LABELS) {}

  of(event: Pick<UsageEvent, "model" | "refusal">): string {
    if (event.refusal === "model_not_found") return OTHER;
    const { model } = event;
    if (this.seen.has(model)) return model;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(model);
    return model;
  }
}

/** The configured name of the provider that served (or failed last): from the event, else the router's view of its deployment. */
export function providerNameOf(event: Pick<UsageEvent, "providerName" | "deploymentId">): string | null {
  if (event.providerName) return event.providerName;
  return event.deploymentId ? (healthRegistry().metaOf(event.deploymentId)?.providerName ?? null) : null;
}

export function providerLabel(event: Pick<UsageEvent, "providerName" | "deploymentId" | "providerKind">): string {
  return providerNameOf(event) ?? event.providerKind ?? NONE;
}

export function teamLabel(event: Pick<UsageEvent, "teamId">): string {
  return event.teamId ?? NONE;
}
