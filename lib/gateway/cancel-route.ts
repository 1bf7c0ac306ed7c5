// POST /v1/requests/{id}/cancel – aborts a call in flight: its upstream request is closed, its client
// gets a 499 `request_cancelled` (a stream: an error event, then [DONE]), and its usage record says
// `request_cancelled`. `id` is the call's x-request-id or the x-client-request-id its client sent;
// only the key that made the call may cancel it. The call may run on another replica: the shared
// store carries the cancel there (lib/routing/in-flight-calls.ts).
import { NotFoundError } from "../http/errors";
import { inFlightCalls } from "../routing/in-flight-calls";
import { authenticate } from "./authenticate";
import { errorResponse, jsonResponse, newRequestId } from "./respond";
import type { GatewayRequest } from "./transport/gateway-request";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "./transport/web-request";

const CANCEL_PATH = /^\/(?:api\/)?v1\/requests\/([^/?]{1,128})\/cancel\/?(?:\?.*)?$/;

/** The id when `url` is a cancel path (the fast path's router asks). */
export function cancelPathId(url: string | undefined, method: string | undefined): string | null {
  if (method !== "POST" || !url) return null;
  const match = CANCEL_PATH.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export async function handleCancelRequest(request: GatewayRequest, id: string): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    if (!principal.keyId || !(await inFlightCalls().cancel(id, principal.keyId))) {
      throw new NotFoundError(
        `No call with the id \`${id}\` is in flight for this API key: it finished already, or the id is not one of its calls (use its x-request-id or the x-client-request-id you sent).`,
        "request_not_found",
        "id",
      );
    }
    return jsonResponse({ id, object: "request.cancellation", cancelled: true }, requestId);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return toWebResponse(await handleCancelRequest(fromWebRequest(request), id));
}
