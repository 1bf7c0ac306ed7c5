// The caller of the console playground's endpoints: the signed-in user instead of a virtual key,
// allowed the models an admin allows that user's keys. The session cookie is the only credential,
// so the request must come from the console's own page (CSRF).
import { getSessionUser } from "../auth/session";
import { db } from "../db";
import { UnauthorizedError } from "../http/errors";
import { assertConsoleMutation } from "../http/same-origin";
import { parseModelList } from "../keys/key-status";
import type { Principal } from "../principal/principal";

export async function playgroundPrincipal(request: Request): Promise<Principal> {
  assertConsoleMutation(request);
  const user = await getSessionUser();
  if (!user) throw new UnauthorizedError("Sign in to use the playground.", "not_signed_in");
  const record = await db().user.findUnique({ where: { id: user.id }, select: { teamId: true, disabled: true, keyModels: true, team: { select: { name: true } } } });
  if (!record || record.disabled) throw new UnauthorizedError("This account is disabled.", "account_disabled");
  const keyModels = parseModelList(record.keyModels);
  return {
    orgId: user.orgId,
    keyId: null,
    userId: user.id,
    teamId: record.teamId,
    // The models an admin allows this user's keys are the models the user may try here too.
    allowedModels: keyModels.length > 0 ? new Set(keyModels) : null,
    expiresAt: null,
    names: { user: user.name || user.email, team: record.team?.name },
  };
}
