// The request headers that steer routing (docs/routing.md):
//   x-tollgate-timeout-ms   per-attempt upstream timeout, bounded by GATEWAY_MAX_TIMEOUT_MS
//   x-tollgate-truncate     "oldest": drop the oldest non-system messages until the prompt fits
//   x-tollgate-priority     cost | speed | quality, for an auto router
//   x-client-request-id     the client's own id for the call, to cancel it before its answer exists
// A request with none of them costs four header lookups and no allocation.
import { BadRequestError } from "../http/errors";
import { routingSettings } from "../routing/routing-settings";
import { ROUTING_PRIORITIES, type RoutingPriority } from "../routing/types";
import type { HeaderReader } from "./transport/gateway-request";

export interface RoutingDirectives {
  timeoutMs: number | null;
  truncate: "oldest" | null;
  priority: RoutingPriority | null;
  clientRequestId: string | null;
}

export const NO_ROUTING_DIRECTIVES: RoutingDirectives = Object.freeze({ timeoutMs: null, truncate: null, priority: null, clientRequestId: null });

const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

export function parseRoutingDirectives(headers: HeaderReader): RoutingDirectives {
  const timeout = headers.get("x-tollgate-timeout-ms");
  const truncate = headers.get("x-tollgate-truncate");
  const priority = headers.get("x-tollgate-priority");
  const clientRequestId = headers.get("x-client-request-id");
  if (timeout === null && truncate === null && priority === null && clientRequestId === null) return NO_ROUTING_DIRECTIVES;
  return {
    timeoutMs: timeout === null ? null : parseTimeout(timeout),
    truncate: truncate === null ? null : parseTruncate(truncate),
    priority: priority === null ? null : parsePriority(priority),
    clientRequestId: clientRequestId === null ? null : parseClientId(clientRequestId),
  };
}

function parseTimeout(value: string): number {
  const ms = Number(value.trim());
  if (!Number.isInteger(ms) || ms < 1) {
    throw new BadRequestError("x-tollgate-timeout-ms must be a whole number of milliseconds, at least 1.", "x-tollgate-timeout-ms");
  }
  // Bounded by the server's maximum rather than refused: the client gets the longest it may have.
  return Math.min(ms, routingSettings().maxTimeoutMs);
}

function parseTruncate(value: string): "oldest" {
  if (value.trim().toLowerCase() !== "oldest") {
    throw new BadRequestError('x-tollgate-truncate must be "oldest" (drop the oldest non-system messages until the prompt fits).', "x-tollgate-truncate");
  }
  return "oldest";
}

function parsePriority(value: string): RoutingPriority {
  const priority = value.trim().toLowerCase();
  if (!(ROUTING_PRIORITIES as readonly string[]).includes(priority)) {
    throw new BadRequestError(`x-tollgate-priority must be one of ${ROUTING_PRIORITIES.join(", ")}.`, "x-tollgate-priority");
  }
  return priority as RoutingPriority;
}

function parseClientId(value: string): string {
  if (!CLIENT_ID.test(value)) {
    throw new BadRequestError("x-client-request-id must be 1 to 128 printable ASCII characters without spaces.", "x-client-request-id");
  }
  return value;
}
