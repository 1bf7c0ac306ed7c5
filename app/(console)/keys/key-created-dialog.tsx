"use client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import type { CreatedApiKey } from "@/lib/query/types";

/** The plaintext key, shown once: Tollgate keeps only its hash, so it cannot be shown again. */
export function KeyCreatedDialog({ createdKey, onClose }: { createdKey: CreatedApiKey | null; onClose: () => void }) {
  return (
    <Dialog
      open={createdKey !== null}
      onClose={onClose}
      title="Key created"
      description={createdKey ? `“${createdKey.name}” is ready to use.` : undefined}
      testId="key-created-dialog"
      footer={
        <Button variant="primary" onClick={onClose} data-testid="key-created-done">
          Done
        </Button>
      }
    >
      {createdKey && (
        <div className="space-y-4">
          <InlineAlert tone="warning">
            Copy this key now. It will not be shown again — if you lose it, revoke it and create a new one.
          </InlineAlert>
          <div className="flex items-center gap-2">
            <label htmlFor="created-key" className="sr-only">
              New API key
            </label>
            <input
              id="created-key"
              readOnly
              value={createdKey.key}
              data-testid="created-key-value"
              onFocus={(event) => event.currentTarget.select()}
              className="h-9 min-w-0 flex-1 rounded-md bg-slate-50 px-3 font-mono text-sm text-slate-900 ring-1 ring-slate-300 ring-inset"
            />
            <CopyButton text={createdKey.key} label="Copy key" testId="copy-created-key" size="md" />
          </div>
        </div>
      )}
    </Dialog>
  );
}
