// Before/after snapshots end up in a table every viewer can read and in CSV/JSON exports, so every
// credential-looking field is replaced before the snapshot is serialized. Matching is by key name
// and recursive, so a secret nested in a provider's config object is caught as well.
export const MASK = "••••";

const SECRET_KEY = /password|secret|apiKey|api_key|keyHash|token|encryptedApiKey/i;

/** A key's `prefix` (e.g. "tg-abc1") is what people recognise keys by; it is not a secret. */
function isSecretKey(key: string): boolean {
  return key !== "prefix" && SECRET_KEY.test(key);
}

/** A JSON-able deep copy with secret fields masked; Dates become ISO strings, undefined is dropped. */
export function maskSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === "function") continue;
    // null/empty stays visible: "no secret set" is useful audit information and reveals nothing.
    out[key] = isSecretKey(key) && item !== null && item !== "" ? MASK : maskSecrets(item);
  }
  return out;
}

/** Serialized snapshot for the before/after columns; null when there is no snapshot. */
export function serializeSnapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(maskSecrets(value));
}
