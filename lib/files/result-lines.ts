// The lines of a batch's output and error files, in OpenAI's format, matched to the input by
// `custom_id`:
//   {"id":"batch_req_…","custom_id":"…","response":{"status_code":200,"request_id":"…","body":{…}},"error":null}
// A request that got an answer other than 2xx goes to the error file with its response; one that got
// none (a malformed line, cancelled, expired, cut off) with `response: null` and an `error`.

export function batchRequestId(lineRowId: string): string {
  return `batch_req_${lineRowId}`;
}

/** One line (no newline): the body is re-serialized so an upstream's pretty-printed JSON stays on one line. */
export function answeredLine(options: { lineRowId: string; customId: string | null; statusCode: number; requestId: string; bodyText: string }): string {
  let body: unknown;
  try {
    body = JSON.parse(options.bodyText);
  } catch {
    body = { error: { message: options.bodyText.slice(0, 2000), type: "upstream_error", code: "invalid_response", param: null } };
  }
  return JSON.stringify({
    id: batchRequestId(options.lineRowId),
    custom_id: options.customId,
    response: { status_code: options.statusCode, request_id: options.requestId, body },
    error: null,
  });
}

export function failedLine(options: { lineRowId: string; customId: string | null; code: string; message: string; line?: number }): string {
  return JSON.stringify({
    id: batchRequestId(options.lineRowId),
    custom_id: options.customId,
    response: null,
    error: { code: options.code, message: options.message, ...(options.line !== undefined ? { line: options.line } : {}) },
  });
}

const NOT_RUN: Record<string, { code: string; message: string }> = {
  cancelled: { code: "batch_cancelled", message: "The batch was cancelled before this request was sent." },
  expired: { code: "batch_expired", message: "The batch expired (completion_window) before this request was sent." },
  failed: { code: "batch_failed", message: "The batch failed before this request was sent." },
};

/** A line the batch never sent, as its error line; the reason follows from how the batch ended. */
export function notRunLine(options: { lineRowId: string; customId: string | null; batchStatus: string }): string {
  const reason = NOT_RUN[options.batchStatus] ?? NOT_RUN.failed;
  return failedLine({ lineRowId: options.lineRowId, customId: options.customId, ...reason });
}
