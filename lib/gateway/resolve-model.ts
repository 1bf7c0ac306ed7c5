// Resolving the public model name a call asked for: unknown (404) and not allowed for this key (403)
// are refused here, and recorded as refusals in the ledger when the caller says how.
import { ForbiddenError, NotFoundError } from "../http/errors";
import { recordRefusal, type RefusedCall } from "../usage/refusal-record";
import type { CatalogModel } from "./catalog-types";
import { catalog } from "./catalog";
import { mayUseModel, type Principal } from "../principal/principal";

type Refused = Omit<RefusedCall, "principal" | "model">;

/** `refused`: the call as the ledger records it when it is refused here (unknown or forbidden model). */
export async function resolveModel(principal: Principal, name: string, refused?: Refused): Promise<CatalogModel> {
  return admitModel(await catalog().find(principal.orgId, name), principal, name, refused);
}

/** resolveModel's verdict on the catalog's answer (`model`) for `name`: the model, or the 404 / 403 it throws. */
export function admitModel(model: CatalogModel | undefined, principal: Principal, name: string, refused?: Refused): CatalogModel {
  if (!model) {
    if (refused) recordRefusal({ ...refused, principal, model: name }, { reason: "model_not_found", status: 404, errorType: "model_not_found" });
    throw new NotFoundError(`The model \`${name}\` does not exist or is not served by any provider.`, "model_not_found", "model");
  }
  if (!mayUseModel(principal, name)) {
    if (refused) recordRefusal({ ...refused, principal, model: name }, { reason: "model_not_allowed", status: 403, errorType: "model_not_allowed" });
    throw new ForbiddenError(`This API key is not allowed to use the model \`${name}\`.`, "model_not_allowed");
  }
  return model;
}
