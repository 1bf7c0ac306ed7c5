// Checks public model names against the organization's catalog (keys restrict themselves to them).
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";

export async function findUnknownModelNames(options: { orgId: string; names: readonly string[]; client?: DbClient }): Promise<string[]> {
  const unique = [...new Set(options.names)];
  if (unique.length === 0) return [];
  const client = options.client ?? db();
  const known = await client.model.findMany({ where: { orgId: options.orgId, name: { in: unique } }, select: { name: true } });
  const knownNames = new Set(known.map((m) => m.name));
  return unique.filter((name) => !knownNames.has(name));
}

/** Throws a 422 naming `field` when any of the names is not a model of the organization. */
export async function assertKnownModelNames(options: { orgId: string; names: readonly string[]; field: string; client?: DbClient }): Promise<void> {
  const unknown = await findUnknownModelNames(options);
  if (unknown.length > 0) {
    throw new ValidationError(`${options.field}: unknown model${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`, options.field);
  }
}
