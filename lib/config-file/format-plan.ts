// The plan as the command line prints it: one line per item (create / update with the fields that
// differ / unchanged / unmanage / delete) and a summary. Values are never printed: some are credentials.
import type { ConfigPlan, PlanAction, PlanItem } from "./build-plan";

const KIND_LABELS: Record<PlanItem["kind"], string> = {
  provider: "provider",
  team: "team",
  model: "model",
  quota: "quota",
  rateLimit: "rate limit",
  alertRule: "alert rule",
  cacheSettings: "cache",
};

const MARKS: Record<PlanAction, string> = { create: "+", update: "~", unchanged: "=", unmanage: "?", delete: "-" };

function describe(item: PlanItem): string {
  if (item.action === "update") return `update: ${item.changes.join(", ")}`;
  if (item.action === "unmanage") return "unmanage (no longer in the file: kept as it is, editable in the console again)";
  if (item.action === "delete") return "delete (no longer in the file, prune: true)";
  return item.action;
}

export function countActions(plan: ConfigPlan): Record<PlanAction, number> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, unmanage: 0, delete: 0 };
  for (const item of plan.items) counts[item.action]++;
  return counts;
}

export function formatPlan(plan: ConfigPlan, options: { onlyChanges?: boolean } = {}): string {
  const items = options.onlyChanges ? plan.items.filter((item) => item.action !== "unchanged") : plan.items;
  const width = Math.max(0, ...items.map((item) => `${KIND_LABELS[item.kind]} ${item.name}`.length));
  const lines = items.map((item) => `  ${MARKS[item.action]} ${`${KIND_LABELS[item.kind]} ${item.name}`.padEnd(width)}  ${describe(item)}`);
  const c = countActions(plan);
  const summary = `${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.unmanage} to unmanage, ${c.delete} to delete.`;
  return [...lines, summary].join("\n");
}
