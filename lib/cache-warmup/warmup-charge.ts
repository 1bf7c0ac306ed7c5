// Who a warm-up's calls are charged to, decided when the job is created and re-checked before every
// item: a virtual key (its owner, its team, the key's and owner's quotas and limits, its model list),
// or a team with the admin who started the job as the caller (as their playground calls are), or
// that admin alone (their own team). A job started with the admin API key has no user to run as, so
// it must name a key. A key revoked, a user disabled or a team deleted mid-job stops the job.
import type { AdminPrincipal } from "../principal/admin-principal";
import { db } from "../db";
import type { Principal } from "../principal/principal";
import { BadRequestError } from "../http/errors";

export interface WarmupCharge {
  keyId: string | null;
  teamId: string | null;
  userId: string;
}

/** The job cannot go on (its caller is gone or may not use the model): it stops as failed. */
export class WarmupStopped extends Error {}

async function keyCharge(orgId: string, keyId: string, teamId: string | null | undefined, model: string): Promise<WarmupCharge> {
  const key = await db().apiKey.findFirst({
    where: { id: keyId, orgId },
    select: { id: true, userId: true, teamId: true, models: true, revokedAt: true, expiresAt: true, cacheOptOut: true, user: { select: { disabled: true } } },
  });
  if (!key) throw new BadRequestError(`keyId: there is no key ${keyId} in this organization.`, "keyId");
  if (key.cacheOptOut) throw new BadRequestError("keyId: this key has opted out of the cache, so its calls would store nothing.", "keyId");
  if (key.revokedAt) throw new BadRequestError("keyId: this key is revoked.", "keyId");
  if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new BadRequestError("keyId: this key has expired.", "keyId");
  if (key.user.disabled) throw new BadRequestError("keyId: the key's owner is disabled.", "keyId");
  const models = JSON.parse(key.models) as string[];
  if (models.length > 0 && !models.includes(model)) throw new BadRequestError(`keyId: this key may not use the model ${model}.`, "keyId");
  if (teamId && teamId !== key.teamId) throw new BadRequestError("teamId: the key belongs to another team; leave teamId out to charge the key's team.", "teamId");
  return { keyId: key.id, teamId: key.teamId, userId: key.userId };
}

export async function resolveWarmupCharge(options: {
  admin: AdminPrincipal;
  keyId?: string | null;
  teamId?: string | null;
  model: string;
}): Promise<WarmupCharge> {
  const { admin, keyId, teamId, model } = options;
  if (keyId) return keyCharge(admin.orgId, keyId, teamId, model);
  if (admin.via === "admin-api-key") {
    throw new BadRequestError("keyId: with the admin API key, name the key to charge (the calls need a user to run as).", "keyId");
  }
  if (teamId) {
    const team = await db().team.findFirst({ where: { id: teamId, orgId: admin.orgId }, select: { id: true } });
    if (!team) throw new BadRequestError(`teamId: there is no team ${teamId} in this organization.`, "teamId");
    return { keyId: null, teamId: team.id, userId: admin.id };
  }
  const user = await db().user.findUnique({ where: { id: admin.id }, select: { teamId: true } });
  return { keyId: null, teamId: user?.teamId ?? null, userId: admin.id };
}

/** The caller of the job's next item, as the gateway sees it; throws WarmupStopped when it is gone. */
export async function loadWarmupPrincipal(job: { orgId: string } & WarmupCharge): Promise<Principal> {
  if (job.keyId) {
    const key = await db().apiKey.findFirst({
      where: { id: job.keyId, orgId: job.orgId },
      select: {
        id: true, name: true, userId: true, teamId: true, models: true, revokedAt: true, expiresAt: true, cacheOptOut: true,
        user: { select: { disabled: true, tier: true, name: true, email: true } },
        team: { select: { name: true } },
      },
    });
    if (!key || key.revokedAt) throw new WarmupStopped("The key this job is charged to was revoked.");
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new WarmupStopped("The key this job is charged to has expired.");
    if (key.user.disabled) throw new WarmupStopped("The owner of the key this job is charged to was disabled.");
    const models = JSON.parse(key.models) as string[];
    return {
      orgId: job.orgId,
      keyId: key.id,
      userId: key.userId,
      teamId: key.teamId,
      allowedModels: models.length > 0 ? new Set(models) : null,
      expiresAt: key.expiresAt?.getTime() ?? null,
      tier: key.user.tier,
      cacheOptOut: key.cacheOptOut,
      // For the words of a refusal (lib/quotas/scope-label.ts).
      names: { key: key.name, user: key.user.name || key.user.email, team: key.team?.name },
    };
  }
  const user = await db().user.findFirst({ where: { id: job.userId, orgId: job.orgId }, select: { disabled: true, tier: true } });
  if (!user || user.disabled) throw new WarmupStopped("The admin who started this job was disabled or deleted.");
  if (job.teamId && !(await db().team.findFirst({ where: { id: job.teamId, orgId: job.orgId }, select: { id: true } }))) {
    throw new WarmupStopped("The team this job is charged to was deleted.");
  }
  return { orgId: job.orgId, keyId: null, userId: job.userId, teamId: job.teamId, allowedModels: null, expiresAt: null, tier: user.tier };
}
