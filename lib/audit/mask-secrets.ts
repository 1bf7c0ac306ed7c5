// Before/after snapshots end up in a table every viewer can read and in CSV/JSON exports, so every
// credential-looking field is replaced before the snapshot is serialized. Matching is by key name
// and recursive, so a secret nested in a provider's config object is caught as well.
export const MASK = "••••";

const SECRET_KEY = /password|secret|apiKey|api_key|keyHash|token|encryptedApiKey/i;

/** A key's `prefix` (e.g. "tg-abc1") is what people recognise keys by; it is not a secret. */
function isSecretKey(key: string): boolean {
  return key !== "prefix" && SECRET_KEY.test(key);
}

/**
 * Numbers and booleans under a matching name are limits and flags (maxTokens, hasApiKey), not
 * credentials; null/empty stays visible because "no secret set" reveals nothing.
 */
function mayHoldSecret(value: unknown): boolean {
  return value !== null && value !== "" && typeof value !== "number" && typeof value !== "boolean";
}

/** A JSON-able deep copy with secret fields masked; Dates become ISO strings, undefined is dropped. */
export function maskSecrets(value: unknown): unknown {
  return maskValue(value, []);
}

function maskValue(value: unknown, ancestors: object[]): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return value;
  // A snapshot is data, but a cyclic object must still not take the audit write down with it.
  if (ancestors.includes(value)) return "[Circular]";
  const path = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => maskValue(item, path));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === "function") continue;
    out[key] = isSecretKey(key) && mayHoldSecret(item) ? MASK : maskValue(item, path);
  }
  return out;
}

/** Serialized snapshot for the before/after columns; null when there is no snapshot. */
export function serializeSnapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(maskSecrets(value));
}
