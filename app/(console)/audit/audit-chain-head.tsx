"use client";
// The facts an operator records or compares: the newest entry and its hash (the anchor to keep
// outside the database), the signed checkpoint, and the result of an anchor check.
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditVerifyResult } from "@/lib/audit/schemas";
import { formatNumber } from "@/lib/charts/format";

const hashClass = "font-mono text-xs break-all";

export function AuditChainHead({ result }: { result: AuditVerifyResult }) {
  const { checkpoint, anchor } = result;
  const head = result.ok && result.lastId !== null ? { id: result.lastId, hash: result.lastHash! } : null;
  return (
    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[max-content_1fr]" data-testid="audit-chain-head">
      {head && (
        <>
          <dt className="font-medium">Newest entry</dt>
          <dd className="flex min-w-0 flex-wrap items-start gap-2">
            <span data-testid="audit-head-id">#{head.id}</span>
            <code className={hashClass} data-testid="audit-head-hash">
              {head.hash}
            </code>
            <CopyButton text={`${head.id} ${head.hash}`} label="Copy the newest entry and its hash" testId="audit-copy-head" />
          </dd>
        </>
      )}
      <dt className="font-medium">Signed checkpoint</dt>
      <dd data-testid="audit-checkpoint">
        {checkpoint ? (
          <>
            {formatNumber(checkpoint.rowCount)} {checkpoint.rowCount === 1 ? "entry" : "entries"} up to #{checkpoint.headId}, updated <LocalTime iso={checkpoint.updatedAt} withTime />
            {checkpoint.signatureValid ? "; signature valid" : "; signature does not verify"}
          </>
        ) : (
          "none"
        )}
      </dd>
      <dt className="font-medium">Key</dt>
      <dd>
        <code className={hashClass}>{result.keyId}</code>
        {checkpoint && checkpoint.keyId !== result.keyId && (
          <>
            {" "}
            (checkpoint signed with <code className={hashClass}>{checkpoint.keyId}</code>)
          </>
        )}
      </dd>
      {anchor && (
        <>
          <dt className="font-medium">Anchor</dt>
          <dd data-testid="audit-anchor-result">
            #{anchor.id}{" "}
            {anchor.matches ? "still has the recorded hash." : anchor.actualHash === null ? "no longer exists." : <>has another hash now: <code className={hashClass}>{anchor.actualHash}</code></>}
          </dd>
        </>
      )}
    </dl>
  );
}
