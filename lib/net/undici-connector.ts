// The connector the gateway's undici Agent opens provider connections with: undici's own (TLS
// sessions, timeouts, ALPN unchanged) with the guarded DNS lookup, and literal IP hosts checked
// before connecting (Node skips `lookup` for those). Runs once per new socket, not per request.
// Only lib/gateway/upstream/http-client.ts imports this (undici must not be loaded twice in a thread).
import { buildConnector } from "undici";
import { assertOutboundHost, guardedLookup, type LookupFunction } from "./guarded-lookup";

export function guardedConnector(lookup: LookupFunction = guardedLookup): buildConnector.connector {
  const connect = buildConnector({ lookup });
  return (options, callback) => {
    try {
      assertOutboundHost(options.hostname);
    } catch (error) {
      return callback(error as Error, null);
    }
    return connect(options, callback);
  };
}
