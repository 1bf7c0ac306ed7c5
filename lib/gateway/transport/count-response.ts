// Counts every proxy answer in /api/metrics (tollgate_gateway_requests_total), whichever transport
// served it.
import { metrics } from "../../metrics/metrics";
import type { GatewayResponse } from "../../http/gateway-response";

export type GatewayEndpoint = "chat.completions" | "embeddings" | "models" | "files" | "batches" | "messages" | "messages.count_tokens" | "tokens.count" | "me";

export function countResponse<R extends GatewayResponse>(endpoint: GatewayEndpoint, response: R): R {
  metrics().gatewayRequests.inc([endpoint, String(response.status)]);
  return response;
}
