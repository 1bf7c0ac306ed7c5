// Who is calling the proxy: resolved from a virtual key (or, for the console playground, from the
// signed-in user). Everything downstream — model access, usage attribution — reads only this.
// Who calls the admin API is another type, AdminPrincipal (./admin-principal.ts).
export interface Principal {
  orgId: string;
  /** null for console playground calls made with a session instead of a key */
  keyId: string | null;
  userId: string;
  teamId: string | null;
  /** public model names this caller may use; null = all */
  allowedModels: ReadonlySet<string> | null;
  /** epoch ms; null = never */
  expiresAt: number | null;
  /** the user's tier (free | pro | enterprise), for tier quotas; absent = looked up when needed */
  tier?: string;
  /** the key opted out of the response cache (lib/cache): its calls neither read nor fill it */
  cacheOptOut?: boolean;
  /** a batch line (lib/batches): the batch its usage record is tagged with, and the model's batch discount */
  batch?: { id: string; discountPercent: number };
  /** calls of this key in flight at once per process (lib/routing/key-slots.ts); absent or null = no limit */
  maxConcurrency?: number | null;
  /**
   * Display names of the key, its owner and team, loaded with the key (and cached with it), for the
   * words of refusals ("the daily calls limit of key “ci”"): never looked up per call. Absent: ids.
   */
  names?: PrincipalNames;
}

export interface PrincipalNames {
  key?: string;
  user?: string;
  team?: string;
}

export function mayUseModel(principal: Principal, model: string): boolean {
  return principal.allowedModels === null || principal.allowedModels.has(model);
}
