// The Files and Batch APIs (OpenAI's, with a virtual key) and the console's view of batches, from
// the same zod contracts the handlers parse and answer with.
import type { z } from "zod";
import { fileListSchema, fileObjectSchema, deletedFileSchema, fileListQuerySchema } from "../files/schemas";
import { batchListSchema, batchObjectSchema, consoleBatchesQuerySchema, consoleBatchListSchema, consoleBatchSchema, createBatchSchema, listBatchesQuerySchema } from "../batches/schemas";
import { ref, type ComponentName } from "./components";
import { queryParameters } from "./json-schema";
import { adminOperation as op } from "./operation";

export function batchesComponents(): Record<string, z.ZodType> {
  return {
    CreateBatch: createBatchSchema,
    FileObject: fileObjectSchema,
    FileList: fileListSchema,
    DeletedFile: deletedFileSchema,
    BatchObject: batchObjectSchema,
    BatchList: batchListSchema,
    ConsoleBatch: consoleBatchSchema,
    ConsoleBatchList: consoleBatchListSchema,
  };
}

type BatchComponent = keyof ReturnType<typeof batchesComponents>;
const name = (component: BatchComponent | "ProxyError") => component as ComponentName;
const json = (component: BatchComponent | "ProxyError") => ({ "application/json": { schema: ref(name(component)) } });

const error = (description: string) => ({ description, content: json("ProxyError") });
const errors = {
  400: error("Invalid request; `error.param` names the field"),
  401: error("Missing, unknown, revoked or expired virtual key"),
  404: error("No such file or batch for this key's user"),
};
const proxy = { tags: ["Batches"], security: [{ virtualKey: [] }] };
const idParameter = (what: string) => ({ name: "id", in: "path", required: true, schema: { type: "string" }, description: `The ${what} id.` });
const ok = (component: BatchComponent, description = "OK") => ({ 200: { description, content: json(component) } });

function proxyPaths() {
  return {
    "/api/v1/files": {
      post: {
        ...proxy,
        summary: "Upload a batch input (multipart: `purpose` = batch, `file` = JSONL, at most BATCH_FILE_MAX_BYTES and BATCH_MAX_LINES lines)",
        requestBody: {
          required: true,
          content: { "multipart/form-data": { schema: { type: "object", required: ["purpose", "file"], properties: { purpose: { type: "string", enum: ["batch"] }, file: { type: "string", format: "binary" } } } } },
        },
        responses: { ...ok("FileObject"), ...errors, 413: error("The file is larger than BATCH_FILE_MAX_BYTES or has more lines than BATCH_MAX_LINES") },
      },
      get: { ...proxy, summary: "The key's user's files, newest first", parameters: queryParameters(fileListQuerySchema), responses: { ...ok("FileList"), 400: errors[400], 401: errors[401] } },
    },
    "/api/v1/files/{id}": {
      get: { ...proxy, summary: "A file", parameters: [idParameter("file")], responses: { ...ok("FileObject"), 401: errors[401], 404: errors[404] } },
      delete: {
        ...proxy,
        summary: "Delete a file (409 while it is the input of a batch that has not ended)",
        parameters: [idParameter("file")],
        responses: { ...ok("DeletedFile"), 401: errors[401], 404: errors[404], 409: error("The file is the input of a batch that has not ended") },
      },
    },
    "/api/v1/files/{id}/content": {
      get: {
        ...proxy,
        summary: "A file's bytes: an input as uploaded, or a batch's output or error lines (OpenAI's format, matched by custom_id)",
        parameters: [idParameter("file")],
        responses: { 200: { description: "The file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, 401: errors[401], 404: errors[404] },
      },
    },
    "/api/v1/batches": {
      post: {
        ...proxy,
        summary: "Create a batch from an uploaded file (endpoint /v1/chat/completions or /v1/embeddings, completion_window 24h); every line runs as a call of this key",
        requestBody: { required: true, content: json("CreateBatch") },
        responses: { ...ok("BatchObject"), 400: errors[400], 401: errors[401], 413: error("The body is larger than 64 KiB") },
      },
      get: { ...proxy, summary: "The key's user's batches, newest first (cursor: `after` = the last id of the previous page)", parameters: queryParameters(listBatchesQuerySchema), responses: { ...ok("BatchList"), 400: errors[400], 401: errors[401], 404: error("`after` names no batch of this user") } },
    },
    "/api/v1/batches/{id}": {
      get: { ...proxy, summary: "A batch: status, request counts, files", parameters: [idParameter("batch")], responses: { ...ok("BatchObject"), 401: errors[401], 404: errors[404] } },
    },
    "/api/v1/batches/{id}/cancel": {
      post: {
        ...proxy,
        summary: "Cancel a batch: nothing more is sent, calls in flight finish (cancelling, then cancelled); 409 once it has ended",
        parameters: [idParameter("batch")],
        responses: { ...ok("BatchObject"), 401: errors[401], 404: errors[404], 409: error("The batch has already ended") },
      },
    },
  };
}

const tag = "Batches";
const READERS = "admin, viewer (every batch), developer (their own)";

function adminPaths() {
  return {
    "/api/admin/batches": {
      get: op({ summary: "Batches, newest first, with progress and cost so far", tag, roles: READERS, query: consoleBatchesQuerySchema, ok: { status: 200, schema: name("ConsoleBatchList") } }),
    },
    "/api/admin/batches/{id}": {
      get: op({ summary: "One batch with progress and cost so far", tag, roles: READERS, withId: true, ok: { status: 200, schema: name("ConsoleBatch") } }),
    },
    "/api/admin/batches/{id}/cancel": {
      post: op({ summary: "Cancel a batch (admins any, developers their own): nothing more is sent, calls in flight finish", tag, roles: "admin, developer (their own)", withId: true, errors: [409], ok: { status: 200, schema: name("ConsoleBatch") } }),
    },
    "/api/admin/batches/{id}/files/{kind}": {
      get: {
        ...op({ summary: "Download a batch's input, or its output or error lines so far (JSONL)", tag, roles: READERS, withId: true, errors: [400], ok: { status: 200, schema: name("ConsoleBatch") } }),
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The batch id." },
          { name: "kind", in: "path", required: true, schema: { type: "string", enum: ["input", "output", "error"] } },
        ],
        responses: { 200: { description: "The file, one JSON object a line", content: { "application/jsonl": { schema: { type: "string" } } } }, 401: { description: "No valid session or admin API key." }, 404: { description: "No such batch (or not the caller's)." } },
      },
    },
  };
}

export function batchesPaths(): Record<string, unknown> {
  return { ...proxyPaths(), ...adminPaths() };
}
