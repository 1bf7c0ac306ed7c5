// The caller of a batch's lines, as the gateway sees it: the key that created the batch, read again
// from the database before each line (a short cache per run), so a key revoked or expired, or a user
// disabled, mid-batch stops the batch instead of spending on. The key's limits apply exactly as when
// the proxy authenticates it (lib/gateway/authenticate.ts), plus the batch's id and the model's batch
// discount, which the usage record and the price follow.
import { db } from "../db";
import type { Principal } from "../principal/principal";
import { effectiveKeyExpiry, effectiveKeyModels, userKeyLimits } from "../keys/key-limits";
import { parseModelList } from "../keys/key-status";

/** The batch cannot go on: it fails with this reason, lines not yet sent are reported as not run. */
export class BatchStopped extends Error {}

const CACHE_MS = 2_000;

export class BatchPrincipals {
  private cached: { principal: Principal; at: number } | null = null;
  private readonly discounts = new Map<string, { percent: number; at: number }>();

  constructor(private readonly batch: { id: string; orgId: string; keyId: string }) {}

  /** The key as a Principal for a line calling `model`; throws BatchStopped when the key can no longer call. */
  async forModel(model: string): Promise<Principal> {
    const base = await this.keyPrincipal();
    return { ...base, batch: { id: this.batch.id, discountPercent: await this.discountOf(model) } };
  }

  private async keyPrincipal(): Promise<Principal> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.principal;
    const key = await db().apiKey.findFirst({
      where: { id: this.batch.keyId, orgId: this.batch.orgId },
      select: {
        id: true, orgId: true, userId: true, teamId: true, models: true, expiresAt: true, revokedAt: true, createdAt: true, cacheOptOut: true, name: true,
        user: { select: { disabled: true, tier: true, keyModels: true, keyMaxDays: true, name: true, email: true } },
        team: { select: { name: true } },
      },
    });
    if (!key || key.revokedAt) throw new BatchStopped("The API key that created this batch was revoked.");
    if (key.user.disabled) throw new BatchStopped("The owner of the API key that created this batch was disabled.");
    const limits = userKeyLimits(key.user);
    const expiresAt = effectiveKeyExpiry(key, limits);
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw new BatchStopped("The API key that created this batch has expired.");
    const models = effectiveKeyModels(parseModelList(key.models), limits);
    const principal: Principal = {
      orgId: key.orgId,
      keyId: key.id,
      userId: key.userId,
      teamId: key.teamId,
      allowedModels: models === null ? null : new Set(models),
      expiresAt: expiresAt ? expiresAt.getTime() : null,
      tier: key.user.tier,
      cacheOptOut: key.cacheOptOut,
      names: { key: key.name, user: key.user.name || key.user.email, team: key.team?.name },
    };
    this.cached = { principal, at: Date.now() };
    return principal;
  }

  /** Model.batchDiscountPercent of the public model the line asks for (0 when none or unknown). */
  private async discountOf(model: string): Promise<number> {
    const known = this.discounts.get(model);
    if (known && Date.now() - known.at < CACHE_MS * 15) return known.percent;
    const row = await db().model.findFirst({ where: { orgId: this.batch.orgId, name: model }, select: { batchDiscountPercent: true } });
    const percent = Math.min(100, Math.max(0, row?.batchDiscountPercent ?? 0));
    this.discounts.set(model, { percent, at: Date.now() });
    return percent;
  }
}
