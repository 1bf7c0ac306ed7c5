// GET /v1/me (and /api/v1/me) with a virtual key: the key, its models, the quotas and rate limits
// that apply with what is used and left, and this month's spend (me.ts). Errors in OpenAI's shape,
// like every /v1 route.
import { authenticate } from "../gateway/authenticate";
import { errorResponse, jsonResponse, newRequestId } from "../gateway/respond";
import { countResponse } from "../gateway/transport/count-response";
import type { GatewayRequest } from "../gateway/transport/gateway-request";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "../gateway/transport/web-request";
import { UnauthorizedError } from "../http/errors";
import { meOf } from "./me";

export function GET(request: Request): Promise<Response> {
  return handleMe(fromWebRequest(request)).then((response) => toWebResponse(countResponse("me", response)));
}

export async function handleMe(request: GatewayRequest): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const { keyId } = principal;
    // Every proxy principal comes from a key; the console's session callers have their own pages.
    if (keyId === null) throw new UnauthorizedError("GET /v1/me needs a virtual key.");
    return jsonResponse(await meOf({ ...principal, keyId }), requestId, { "cache-control": "no-store" });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
