// What the proxy needs from an incoming request, independent of the transport: the Next.js route
// handlers hand in a Web `Request`, the fast path in scripts/server.mjs a node:http request. Both
// adapters live next to this file; the pipeline never sees either concrete type.
import type { AbortSignalLike } from "../../abort/abort-flag";

export interface HeaderReader {
  /** `name` is lower-case; repeated headers come back joined with ", ". */
  get(name: string): string | null;
}

export interface GatewayRequest {
  headers: HeaderReader;
  /** The body parsed as JSON, refused with a 413 past `limitBytes` before it is all read. */
  readJson(limitBytes: number): Promise<unknown>;
  /** Aborted when the client goes away. */
  signal: AbortSignalLike;
}
