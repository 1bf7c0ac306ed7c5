// Attaching one provider to many models at once: the first-run path for the seeded price list,
// whose rows have prices but no provider. Every model is checked first (in this organization, not
// managed by the configuration file, no provider or router yet); then each gets its primary
// deployment in one transaction, so either all of them become callable or none does.
import { ManagedByConfigFileError } from "../config-file/managed-guard";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors";
import { publishCatalogChanged } from "./catalog-changed";
import { refreshPrimaryDeployment } from "./deployment-mirror";
import { modelSelect, toModel } from "./model-queries";
import type { AttachModelsInput, Model } from "./schemas";

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");

/** Returns the models as they were and as they are now, in the order asked for. */
export async function attachModels(options: { orgId: string; input: AttachModelsInput }): Promise<{ before: Model[]; after: Model[] }> {
  const { orgId } = options;
  const ids = [...new Set(options.input.modelIds)];
  const { providerId } = options.input;
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw new ValidationError(`providerId: provider ${providerId} does not exist.`, "providerId");

  const rows = await db().model.findMany({
    where: { orgId, id: { in: ids } },
    select: { ...modelSelect, router: true, _count: { select: { deployments: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new NotFoundError(`modelIds: no model ${missing.join(", ")} in this organization.`, "not_found", "modelIds");
  const ordered = ids.map((id) => byId.get(id)!);

  const managed = ordered.filter((row) => row.managedBy);
  if (managed.length > 0) throw new ManagedByConfigFileError(managed.length === 1 ? `the model "${managed[0].name}"` : `the models ${quoted(managed.map((m) => m.name))}`);
  const served = ordered.filter((row) => row._count.deployments > 0 || row.router !== null);
  if (served.length > 0) {
    throw new ConflictError(
      `modelIds: ${quoted(served.map((m) => m.name))} ${served.length === 1 ? "is" : "are"} already served (a provider or an auto router); ` +
        "change a model's provider in its own dialog or its routing.",
      "modelIds",
    );
  }

  await db().$transaction(async (tx) => {
    for (const row of ordered) {
      await tx.deployment.create({ data: { orgId, modelId: row.id, providerId, upstreamModel: row.upstreamModel } });
      await refreshPrimaryDeployment(tx, row.id);
    }
  });
  await publishCatalogChanged();
  const after = await db().model.findMany({ where: { orgId, id: { in: ids } }, select: modelSelect });
  const afterById = new Map(after.map((row) => [row.id, toModel(row)]));
  return { before: ordered.map((row) => toModel(row)), after: ids.map((id) => afterById.get(id)!) };
}
