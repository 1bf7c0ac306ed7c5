// POST /api/playground/chat – the console playground. Same pipeline as the proxy, but the caller
// is the signed-in user instead of a virtual key; always streams, and ends with a
// `tollgate.summary` event (tokens, cost, latency) for the UI. The session cookie is its only
// credential and every call spends money, so it must come from the console's own page (CSRF).
import { getSessionUser } from "../auth/session";
import { db } from "../db";
import { env } from "../env";
import { UnauthorizedError } from "../http/errors";
import { parseModelList } from "../keys/key-status";
import { assertConsoleMutation } from "../http/same-origin";
import type { Principal } from "../gateway/principal";
import { readJsonBody } from "../gateway/read-body";
import { errorResponse, newRequestId } from "../gateway/respond";
import { requestLimits, runChatCompletion } from "../gateway/run-chat-completion";
import { toWebResponse } from "../gateway/transport/gateway-response";
import { parseChatRequest } from "../gateway/validate";
import { assertMaySpend } from "./spend-guard";

export async function POST(request: Request): Promise<Response> {
  const startedAt = performance.now();
  const requestId = newRequestId();
  try {
    assertConsoleMutation(request);
    const user = await getSessionUser();
    if (!user) throw new UnauthorizedError("Sign in to use the playground.", "not_signed_in");
    await assertMaySpend(user.id);
    const record = await db().user.findUnique({ where: { id: user.id }, select: { teamId: true, disabled: true, keyModels: true } });
    if (!record || record.disabled) throw new UnauthorizedError("This account is disabled.", "account_disabled");
    const keyModels = parseModelList(record.keyModels);
    const principal: Principal = {
      orgId: user.orgId,
      keyId: null,
      userId: user.id,
      teamId: record.teamId,
      // The models an admin allows this user's keys are the models the user may try here too.
      allowedModels: keyModels.length > 0 ? new Set(keyModels) : null,
      expiresAt: null,
    };
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
