"use client";
// The result of the last chain check. The check reads every row, so it runs only on request.
import type { UseQueryResult } from "@tanstack/react-query";
import { InlineAlert } from "@/components/ui/inline-alert";
import type { AuditVerifyResult } from "@/lib/audit/schemas";
import { formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";

export function AuditVerifyStatus({ query }: { query: UseQueryResult<AuditVerifyResult> }) {
  if (query.isFetching) {
    return (
      <InlineAlert tone="info" className="mb-4" testId="audit-verify-result">
        Verifying the chain…
      </InlineAlert>
    );
  }
  if (query.error) {
    return (
      <InlineAlert tone="error" className="mb-4" testId="audit-verify-result">
        Could not verify the chain: {errorMessage(query.error)}
      </InlineAlert>
    );
  }
  const result = query.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <InlineAlert tone="info" className="mb-4" testId="audit-verify-result">
        <strong>Chain intact.</strong> {formatNumber(result.checked)} {result.checked === 1 ? "entry" : "entries"} checked
        {result.lastId !== null && (
          <>
            ; the newest is #{result.lastId} with hash <code className="font-mono text-xs break-all">{result.lastHash}</code>. Keep that hash somewhere else to
            also detect a later deletion of the newest entries.
          </>
        )}
      </InlineAlert>
    );
  }
  return (
    <InlineAlert tone="error" className="mb-4" testId="audit-verify-result">
      <strong>Chain broken at entry #{result.firstBrokenId}.</strong> {result.message} {formatNumber(result.checked)} earlier{" "}
      {result.checked === 1 ? "entry" : "entries"} verified.
    </InlineAlert>
  );
}
