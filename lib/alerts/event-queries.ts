// Alert history: events newest first, each with every delivery attempt.
import type { DbClient } from "../db";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../http/errors";
import { pageArgs, type ListResult } from "../http/list-query";
import type { AlertMetric, ChannelType } from "./alert-kinds";
import type { AlertDelivery, AlertEvent, ListAlertsQuery } from "./schemas";

const eventInclude = {
  rule: { select: { name: true, metric: true } },
  deliveries: { orderBy: [{ createdAt: "asc" as const }, { attempt: "asc" as const }] },
};

interface DeliveryRow {
  id: string;
  channelType: string;
  target: string;
  attempt: number;
  status: string;
  httpStatus: number | null;
  error: string | null;
  createdAt: Date;
}

interface EventRow {
  id: string;
  ruleId: string;
  threshold: number;
  periodKey: string;
  value: number;
  message: string;
  test: boolean;
  createdAt: Date;
  rule: { name: string; metric: string };
  deliveries: DeliveryRow[];
}

/** Per channel (type + target) the last attempt counts: a retry that succeeded makes it delivered. */
export function deliveryStatus(deliveries: { channelType: string; target: string; status: string }[]): AlertEvent["status"] {
  if (deliveries.length === 0) return "pending";
  const channels = new Map<string, boolean>();
  for (const delivery of deliveries) {
    const key = `${delivery.channelType} ${delivery.target}`;
    channels.set(key, (channels.get(key) ?? false) || delivery.status === "success");
  }
  const succeeded = [...channels.values()].filter(Boolean).length;
  if (succeeded === channels.size) return "delivered";
  return succeeded === 0 ? "failed" : "partial";
}

function toAlertDelivery(row: DeliveryRow): AlertDelivery {
  return {
    id: row.id,
    channelType: row.channelType as ChannelType,
    target: row.target,
    attempt: row.attempt,
    status: row.status === "success" ? "success" : "failed",
    httpStatus: row.httpStatus,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

function toAlertEvent(row: EventRow): AlertEvent {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.rule.name,
    metric: row.rule.metric as AlertMetric,
    threshold: row.threshold,
    value: row.value,
    periodKey: row.periodKey,
    message: row.message,
    test: row.test,
    status: deliveryStatus(row.deliveries),
    deliveries: row.deliveries.map(toAlertDelivery),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAlertEvents(options: { orgId: string; query: ListAlertsQuery; client?: DbClient }): Promise<ListResult<AlertEvent>> {
  const client = options.client ?? db();
  const { query } = options;
  if (query.from && query.to && query.from.getTime() >= query.to.getTime()) throw new ValidationError("from: must be before to.", "from");
  const where = {
    orgId: options.orgId,
    ...(query.ruleId ? { ruleId: query.ruleId } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    client.alertEvent.findMany({ where, include: eventInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(query) }),
    client.alertEvent.count({ where }),
  ]);
  return { data: rows.map(toAlertEvent), total };
}

export async function getAlertEventOrThrow(options: { orgId: string; id: string; client?: DbClient }): Promise<AlertEvent> {
  const client = options.client ?? db();
  const row = await client.alertEvent.findFirst({ where: { id: options.id, orgId: options.orgId }, include: eventInclude });
  if (!row) throw new NotFoundError(`Alert ${options.id} not found.`);
  return toAlertEvent(row);
}
