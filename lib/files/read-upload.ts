// Reads a multipart/form-data upload (POST /v1/files, as the `openai` SDK sends it) with busboy as
// it arrives: the file's bytes are decoded to text piece by piece (strict UTF-8), so even a file at
// the size limit never costs the event loop more than one network read's work at a time. A file
// over the limit is a 413 as soon as it crosses it; the rest of the body is not read.
import busboy from "busboy";
import { BadRequestError, HttpError, PayloadTooLargeError } from "../http/errors";
import { checkDeclaredLength, emptyBodyError, parseJsonText } from "../gateway/transport/json-body";
import { bodyCutOffError, readBodyText } from "../gateway/transport/read-body-text";
import type { ApiRequest } from "./api-request";

export interface Upload {
  purpose: string | null;
  filename: string;
  text: string;
  bytes: number;
  lines: number;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxLines: number;
}

function tooManyLines(maxLines: number): HttpError {
  return new HttpError(413, `The file has more than ${maxLines} lines (BATCH_MAX_LINES).`, "invalid_request_error", "too_many_lines", "file");
}

export function readUpload(request: ApiRequest, limits: UploadLimits): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    return Promise.reject(new BadRequestError("Send the file as multipart/form-data with the fields `purpose` and `file`.", "file", "invalid_content_type"));
  }
  // The multipart framing adds a few hundred bytes; anything far past the file limit is refused before a byte is read.
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limits.maxFileBytes + 64 * 1024) {
    request.refuseBody();
    return Promise.reject(new PayloadTooLargeError(limits.maxFileBytes));
  }
  return new Promise<Upload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 10, fileSize: limits.maxFileBytes, fieldSize: 1024 } });
    } catch {
      return reject(new BadRequestError("The multipart body has no boundary.", "file", "invalid_content_type"));
    }
    const source = request.body();
    let purpose: string | null = null;
    let file: { filename: string; text: string; bytes: number; lines: number } | null = null;
    let fileDone: Promise<void> = Promise.resolve();
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      request.refuseBody();
      // Stop reading: the error goes out and the connection is closed after it (as the chat routes do).
      source.unpipe(parser);
      source.pause();
      reject(error);
    };
    parser.on("field", (name, value) => {
      if (name === "purpose") purpose = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") return void stream.resume();
      const decoder = new TextDecoder("utf-8", { fatal: true });
      const parts: string[] = [];
      const current = { filename: info.filename || "upload.jsonl", text: "", bytes: 0, lines: 0 };
      fileDone = new Promise<void>((done) => {
        stream.on("data", (chunk: Buffer) => {
          if (failed) return;
          current.bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) current.lines++;
          if (current.lines > limits.maxLines) return fail(tooManyLines(limits.maxLines));
          if (chunk.includes(0)) return fail(new BadRequestError("The file contains a NUL byte; a JSONL file is text.", "file", "invalid_file"));
          try {
            parts.push(decoder.decode(chunk, { stream: true }));
          } catch {
            fail(new BadRequestError("The file is not UTF-8 text.", "file", "invalid_file"));
          }
        });
        stream.on("limit", () => fail(new PayloadTooLargeError(limits.maxFileBytes)));
        stream.on("end", () => {
          try {
            parts.push(decoder.decode());
          } catch {
            fail(new BadRequestError("The file is not UTF-8 text.", "file", "invalid_file"));
          }
          current.text = parts.join("");
          file = current;
          done();
        });
      });
    });
    parser.on("error", (error: Error) => fail(new BadRequestError(`The multipart body could not be read: ${error.message}`, "file", "invalid_multipart")));
    parser.on("close", () => {
      void fileDone.then(() => {
        if (failed) return;
        const uploaded = file as { filename: string; text: string; bytes: number; lines: number } | null;
        if (!uploaded) return reject(new BadRequestError("The `file` field is missing.", "file", "missing_file"));
        const lines = uploaded.text.length > 0 && !uploaded.text.endsWith("\n") ? uploaded.lines + 1 : uploaded.lines;
        if (lines > limits.maxLines) return reject(tooManyLines(limits.maxLines));
        resolve({ purpose, filename: uploaded.filename, text: uploaded.text, bytes: uploaded.bytes, lines });
      });
    });
    source.on("error", () => fail(bodyCutOffError()));
    source.pipe(parser);
  });
}

/**
 * A small JSON body (POST /v1/batches), refused with a 413 past `limitBytes`: the proxy's own read
 * loop and JSON rules (lib/gateway/transport/read-body-text.ts, json-body.ts).
 */
export function readApiJson(request: ApiRequest, limitBytes: number): Promise<unknown> {
  try {
    checkDeclaredLength(request.headers.get("content-length"), limitBytes);
  } catch (error) {
    request.refuseBody();
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    readBodyText(request.body(), limitBytes, (error, text, size) => {
      if (error) {
        if (error.status === 413) request.refuseBody();
        return reject(error);
      }
      if (size === 0) return reject(emptyBodyError());
      try {
        resolve(parseJsonText(text));
      } catch (parseError) {
        reject(parseError);
      }
    });
  });
}
