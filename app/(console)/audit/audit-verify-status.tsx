"use client";
// The result of the last chain check. The check reads every row, so it runs only on request.
import type { UseQueryResult } from "@tanstack/react-query";
import { InlineAlert } from "@/components/ui/inline-alert";
import type { AuditVerifyResult } from "@/lib/audit/schemas";
import { formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";
import { AuditChainHead } from "./audit-chain-head";
import { AuditResealButton } from "./audit-reseal-button";
import { BREAK_TITLES } from "./audit-verify-labels";

const entries = (n: number) => `${formatNumber(n)} ${n === 1 ? "entry" : "entries"}`;

export function AuditVerifyStatus({ query, canReseal, onResealed }: { query: UseQueryResult<AuditVerifyResult>; canReseal: boolean; onResealed: () => void }) {
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
        <p>
          <strong>Chain intact.</strong> {entries(result.checked)} checked against the signed checkpoint
          {result.acceptedGaps > 0 && <>, with {formatNumber(result.acceptedGaps)} gap{result.acceptedGaps === 1 ? "" : "s"} an admin accepted when re-sealing (see the audit.chain_resealed entries)</>}.
        </p>
        <AuditChainHead result={result} />
        {result.lastId !== null && (
          <p className="mt-2 text-xs">
            Keep the newest entry and its hash somewhere the database&apos;s users cannot write (a ticket, your log shipper). Checking them later under
            &ldquo;Check a recorded anchor&rdquo; also catches a rollback of the whole log, which the database alone cannot show.
          </p>
        )}
      </InlineAlert>
    );
  }
  return (
    <InlineAlert tone="error" className="mb-4" testId="audit-verify-result">
      <p>
        <strong>
          Chain broken: {BREAK_TITLES[result.reason]} (entry #{result.firstBrokenId}).
        </strong>{" "}
        {result.message} {entries(result.checked)} before it verified.
      </p>
      <AuditChainHead result={result} />
      {canReseal && <AuditResealButton result={result} onResealed={onResealed} />}
    </InlineAlert>
  );
}
