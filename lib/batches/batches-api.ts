// The Batch API (OpenAI's): POST /v1/batches, GET /v1/batches, GET /v1/batches/{id} and
// POST /v1/batches/{id}/cancel, with a virtual key. A batch runs every line as a call of the key
// that created it; the key's user sees their batches, nobody else's.
import { readApiJson } from "../files/read-upload";
import { withFilesAuth } from "../files/files-api";
import { parseApiBody, parseApiQuery } from "../files/parse-api-input";
import { authenticate } from "../gateway/authenticate";
import { errorResponse, newRequestId } from "../gateway/respond";
import { jsonGatewayResponse, type GatewayResponse } from "../http/gateway-response";
import { UnauthorizedError } from "../http/errors";
import type { ApiRequest } from "../files/api-request";
import { cancelBatch, createBatch } from "./batch-mutations";
import { getBatchObject, listBatchObjects } from "./batch-queries";
import { wakeBatchRunner } from "./batch-runner-slot";
import { createBatchSchema, listBatchesQuerySchema } from "./schemas";

const MAX_CREATE_BODY_BYTES = 64 * 1024;

const ok = (body: unknown, requestId: string) => jsonGatewayResponse(200, body, { "x-request-id": requestId });

// POST /v1/batches – create a batch from an uploaded file
export async function createBatchRoute(request: ApiRequest): Promise<GatewayResponse> {
  const requestId = newRequestId();
  try {
    const principal = await authenticate(request.headers);
    const input = parseApiBody(await readApiJson(request, MAX_CREATE_BODY_BYTES), createBatchSchema);
    if (principal.keyId === null) throw new UnauthorizedError("A batch is created with a virtual key.");
    const id = await createBatch({ owner: principal, keyId: principal.keyId, teamId: principal.teamId, input });
    wakeBatchRunner();
    return ok(await getBatchObject(principal, id), requestId);
  } catch (error) {
    return errorResponse(error, requestId);
  }
}

// GET /v1/batches – the key's user's batches, newest first (`after`, `limit`)
export const listBatchesRoute = withFilesAuth(async (request, owner, requestId) => ok(await listBatchObjects(owner, parseApiQuery(request, listBatchesQuerySchema)), requestId));

// GET /v1/batches/{id}
export function retrieveBatchRoute(id: string) {
  return withFilesAuth(async (_request, owner, requestId) => ok(await getBatchObject(owner, id), requestId));
}

// POST /v1/batches/{id}/cancel – stop sending; lines in flight finish, the rest are reported as cancelled
export function cancelBatchRoute(id: string) {
  return withFilesAuth(async (_request, owner, requestId) => {
    await cancelBatch({ id, orgId: owner.orgId, userId: owner.userId });
    wakeBatchRunner();
    return ok(await getBatchObject(owner, id), requestId);
  });
}
