// A key's status is derived, never stored: revoked wins over expired.
import type { KeyStatus } from "./schemas";

export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The Prisma filter matching one status at `now`. */
export function keyStatusWhere(status: KeyStatus, now = new Date()) {
  if (status === "revoked") return { revokedAt: { not: null } };
  if (status === "expired") return { revokedAt: null, expiresAt: { lte: now } };
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** ApiKey.models is a JSON array in a string column (both databases); tolerate bad data. */
export function parseModelList(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}
