// The Files API (OpenAI's): POST /v1/files (multipart, purpose `batch`, a JSONL file up to
// BATCH_FILE_MAX_BYTES), GET /v1/files, GET /v1/files/{id}, GET /v1/files/{id}/content and
// DELETE /v1/files/{id}, with a virtual key. Files belong to the key's user (file-store.ts).
import { env } from "../env";
import { authenticate } from "../gateway/authenticate";
import { errorResponse, newRequestId } from "../gateway/respond";
import { jsonGatewayResponse, type GatewayResponse } from "../http/gateway-response";
import { BadRequestError } from "../http/errors";
import type { ApiRequest } from "./api-request";
import { createInputFile, deleteFile, fileContent, getFileRowOrThrow, listFiles, toFileObject, type FileOwner } from "./file-store";
import { readUpload } from "./read-upload";
import { fileListQuerySchema } from "./schemas";
import { parseApiQuery } from "./parse-api-input";

type Handler = (request: ApiRequest, owner: FileOwner & { keyId: string | null }, requestId: string) => Promise<GatewayResponse>;

/** Authenticates the key and renders any error in OpenAI's shape, with the request id. */
export function withFilesAuth(handler: Handler): (request: ApiRequest) => Promise<GatewayResponse> {
  return async (request) => {
    const requestId = newRequestId();
    try {
      const principal = await authenticate(request.headers);
      return await handler(request, { orgId: principal.orgId, userId: principal.userId, keyId: principal.keyId }, requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}

const ok = (body: unknown, requestId: string) => jsonGatewayResponse(200, body, { "x-request-id": requestId });

// POST /v1/files – upload a batch input (multipart: purpose, file)
export const uploadFile = withFilesAuth(async (request, owner, requestId) => {
  const config = env();
  const upload = await readUpload(request, { maxFileBytes: config.BATCH_FILE_MAX_BYTES, maxLines: config.BATCH_MAX_LINES });
  if (upload.purpose !== "batch") {
    throw new BadRequestError(`purpose: only "batch" files can be uploaded here${upload.purpose ? ` (got "${upload.purpose.slice(0, 40)}")` : ""}.`, "purpose", "invalid_purpose");
  }
  if (upload.text.trim() === "") throw new BadRequestError("file: the file is empty; a batch input has one JSON request per line.", "file", "empty_file");
  return ok(await createInputFile({ owner, keyId: owner.keyId, filename: upload.filename, text: upload.text, bytes: upload.bytes }), requestId);
});

// GET /v1/files – the key's user's files, newest first
export const listFilesRoute = withFilesAuth(async (request, owner, requestId) => ok(await listFiles(owner, parseApiQuery(request, fileListQuerySchema)), requestId));

// GET /v1/files/{id}
export function retrieveFile(id: string) {
  return withFilesAuth(async (_request, owner, requestId) => ok(toFileObject(await getFileRowOrThrow(owner, id)), requestId));
}

// GET /v1/files/{id}/content – the file's bytes (an output or error file is assembled from its batch's lines)
export function retrieveFileContent(id: string) {
  return withFilesAuth(async (_request, owner, requestId) => {
    const row = await getFileRowOrThrow(owner, id);
    const body = await fileContent(row);
    return {
      status: 200,
      headers: { "content-type": "application/octet-stream", "content-disposition": `attachment; filename="${row.filename.replace(/["\\\r\n]/g, "_")}"`, "x-request-id": requestId },
      body,
    };
  });
}

// DELETE /v1/files/{id}
export function deleteFileRoute(id: string) {
  return withFilesAuth(async (_request, owner, requestId) => ok(await deleteFile(owner, id), requestId));
}
