// GET /api/v1/models – the models this key may use, in OpenAI's list shape.
import { authenticate } from "./authenticate";
import { catalog } from "./catalog";
import { mayUseModel } from "../principal/principal";
import { errorResponse, jsonResponse, newRequestId } from "./respond";
import type { GatewayRequest } from "./transport/gateway-request";
import { countResponse } from "./transport/count-response";
import { toWebResponse, type GatewayResponse } from "../http/gateway-response";
import { fromWebRequest } from "./transport/web-request";

export function GET(request: Request): Promise<Response> {
  return handleModels(fromWebRequest(request)).then((response) => toWebResponse(countResponse("models", response)));
}

export async function handleModels(request: GatewayRequest): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const models = (await catalog().list(principal.orgId)).map((m) => ({ name: m.name, owner: m.target.kind as string }));
    // An auto router is called like a model (lib/routing/auto-router.ts).
    for (const router of await catalog().listRouters(principal.orgId)) models.push({ name: router.name, owner: "tollgate" });
    const data = models
      .filter((m) => mayUseModel(principal, m.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => ({ id: m.name, object: "model", created: 0, owned_by: m.owner }));
    return jsonResponse({ object: "list", data }, requestId);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
