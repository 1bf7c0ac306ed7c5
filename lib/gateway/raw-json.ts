// The upstream's own JSON text of a chunk that passes through unchanged, so the gateway can forward
// it without serializing the parsed object again. Kept under a symbol: invisible to JSON.stringify,
// spreads into new objects and every other reader, so a changed or rebuilt chunk simply has none.
const RAW_JSON = Symbol("tollgate.rawJson");

type WithRawJson = { [RAW_JSON]?: string };

/** Marks `chunk` as exactly the JSON text `json`; only call it when nothing about the chunk was changed. */
export function attachRawJson<T extends object>(chunk: T, json: string): T {
  (chunk as WithRawJson)[RAW_JSON] = json;
  return chunk;
}

export function rawJsonOf(chunk: object): string | undefined {
  return (chunk as WithRawJson)[RAW_JSON];
}
