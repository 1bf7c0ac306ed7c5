// POST /api/playground/chat – the console playground. Same pipeline as the proxy, but the caller
// is the signed-in user instead of a virtual key; always streams, and ends with a
// `tollgate.summary` event (tokens, cost, latency) for the UI. The session cookie is its only
// credential and every call spends money, so it must come from the console's own page (CSRF).
import { env } from "../env";
import { readJsonBody } from "../gateway/read-body";
import { errorResponse, newRequestId } from "../gateway/respond";
import { requestLimits, runChatCompletion } from "../gateway/run-chat-completion";
import { toWebResponse } from "../http/gateway-response";
import { parseChatRequest } from "../gateway/validate";
import { playgroundPrincipal } from "./playground-principal";
import { assertMaySpend } from "./spend-guard";

export async function POST(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  try {
    const principal = await playgroundPrincipal(request);
    await assertMaySpend(principal.userId);
    const chat = parseChatRequest(await readJsonBody(request, env().GATEWAY_MAX_BODY_BYTES), requestLimits());
    chat.stream = true;
    return toWebResponse(await runChatCompletion({
      requestId,
      principal,
      request: chat,
      clientSignal: request.signal,
      startedAt,
      withSummary: true,
    }));
  } catch (error) {
    return toWebResponse(errorResponse(error, requestId));
  }
}
