// Adapter for the Next.js route handlers: a Web Request as a GatewayRequest.
import { readJsonBody } from "../read-body";
import type { GatewayRequest } from "./gateway-request";

export function fromWebRequest(request: Request): GatewayRequest {
  return {
    headers: request.headers,
    readJson: (limitBytes) => readJsonBody(request, limitBytes),
    signal: request.signal,
  };
}
