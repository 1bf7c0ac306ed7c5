// What the gateway asks of an upstream HTTP call, whichever handler reads the answer.
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { UpstreamBody } from "./json-request-body";

export interface UpstreamCall {
  url: string;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  /** JSON text, or a large JSON body (json-request-body.ts) serialized in turns just before it is sent */
  body?: UpstreamBody;
  /** Covers connect + headers + the whole body; for streamed bodies, the longest silence between chunks. */
  timeoutMs: number;
  /** The caller's signal: aborting it closes the upstream socket. */
  signal: AbortSignalLike;
}
