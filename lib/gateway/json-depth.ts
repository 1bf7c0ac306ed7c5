// A cap on how deeply a proxy request body nests arrays and objects. JSON.parse takes any depth, but
// the body is serialized again for the upstream, and JSON.stringify recurses: about 5,000 levels
// overflowed the stack (a 500 for a client mistake). The check recurses too, but it stops at
// `maxDepth` (GATEWAY_MAX_JSON_DEPTH, at most 1000), so its own stack stays small whatever arrives.
// Scalars are only looked at, strings never scanned, nothing is allocated: an ordinary chat body
// takes 0.3–1 µs (json-depth.test.ts measures it), against ~300 µs of CPU for a proxied call.
import { BadRequestError } from "../http/errors";

/** True when `container`, at level `depth`, nests deeper than `maxDepth`. */
function tooDeep(container: object, depth: number, maxDepth: number): boolean {
  if (depth > maxDepth) return true;
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index++) {
      const value: unknown = container[index];
      if (value !== null && typeof value === "object" && tooDeep(value, depth + 1, maxDepth)) return true;
    }
    return false;
  }
  for (const key in container) {
    const value: unknown = (container as Record<string, unknown>)[key];
    if (value !== null && typeof value === "object" && tooDeep(value, depth + 1, maxDepth)) return true;
  }
  return false;
}

/** Throws a 400 naming the top-level field whose value nests deeper than `maxDepth` (the body itself is level 1). */
export function assertJsonDepth(body: object, maxDepth: number): void {
  for (const field in body) {
    const value: unknown = (body as Record<string, unknown>)[field];
    if (value !== null && typeof value === "object" && tooDeep(value, 2, maxDepth)) {
      throw new BadRequestError(`\`${field}\` nests arrays and objects more than ${maxDepth} levels deep.`, field, "json_too_deep");
    }
  }
}
