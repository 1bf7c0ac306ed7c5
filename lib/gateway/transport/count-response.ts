// Counts every proxy answer in /api/metrics (tollgate_gateway_requests_total), whichever transport
// served it.
import { metrics } from "../../metrics/metrics";

export type GatewayEndpoint = "chat.completions" | "embeddings" | "models";

export function countResponse(endpoint: GatewayEndpoint, response: Response): Response {
  metrics().gatewayRequests.inc({ endpoint, status: String(response.status) });
  return response;
}
