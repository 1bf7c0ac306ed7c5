"use client";
// Re-sealing accepts the log as it stands, break included, so appends can resume. It is an admin's
// deliberate act on the record: the audit.chain_resealed entry it writes names them and the break.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { AuditVerifyResult } from "@/lib/audit/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { auditQueryKeys, resealAuditLog } from "./audit-query";
import { BREAK_TITLES } from "./audit-verify-labels";

export function AuditResealButton({ result, onResealed }: { result: Extract<AuditVerifyResult, { ok: false }>; onResealed: () => void }) {
  const [open, setOpen] = useState(false);
  const toast = useToast();
  // The list gains the seal's entry; the chain is checked again by a fresh verify (onResealed).
  const reseal = useInvalidatingMutation(() => resealAuditLog(), [[...auditQueryKeys.all, "list"]], (sealed) => {
    setOpen(false);
    toast(`Audit log re-sealed; entry #${sealed.eventId} records it`);
    onResealed();
  });
  return (
    <>
      <Button
        size="sm"
        variant="danger"
        className="mt-3"
        data-testid="audit-reseal"
        onClick={() => {
          reseal.reset();
          setOpen(true);
        }}
      >
        Re-seal the log as it is…
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => reseal.mutate(undefined)}
        title="Re-seal the audit log?"
        description={
          <>
            <p>
              The log is signed again as it stands now, so new entries are recorded again and later changes are detected from here on. What verify found stays on
              the record: a new entry names you and the break (&ldquo;{BREAK_TITLES[result.reason]}&rdquo; at entry #{result.firstBrokenId}).
            </p>
            <p className="mt-2">Look at the log first: after the re-seal, verify no longer reports this break.</p>
          </>
        }
        confirmLabel="Re-seal"
        pending={reseal.isPending}
        error={reseal.error ? errorMessage(reseal.error) : undefined}
      />
    </>
  );
}
