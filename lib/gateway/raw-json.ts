// The upstream's own JSON text of an answer that passes through unchanged (a completion or embeddings
// body), so the gateway can forward it without serializing the parsed object again. Streamed chunks
// use UnparsedChunk instead. Kept under a symbol: invisible to JSON.stringify, spreads into new
// objects and every other reader, so a changed or rebuilt answer simply has none.
const RAW_JSON = Symbol("tollgate.rawJson");

type WithRawJson = { [RAW_JSON]?: string };

/** Marks `body` as exactly the JSON text `json`; only call it when nothing about the body was changed. */
export function attachRawJson<T extends object>(body: T, json: string): T {
  (body as WithRawJson)[RAW_JSON] = json;
  return body;
}

export function rawJsonOf(body: object): string | undefined {
  return (body as WithRawJson)[RAW_JSON];
}
