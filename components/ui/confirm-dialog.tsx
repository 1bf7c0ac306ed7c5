"use client";
// "Are you sure?" for deletes and revokes. The error stays inside the dialog so the user sees why
// nothing happened (e.g. 409 "team still has members").
import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { InlineAlert } from "./inline-alert";

export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  pending,
  error,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error?: string;
}) {
  return (
    <Dialog
      open={open}
      onClose={() => !pending && onClose()}
      title={title}
      size="sm"
      testId="confirm-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} pending={pending} data-testid="confirm-button">
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600">
        <div>{description}</div>
        {error && <InlineAlert tone="error">{error}</InlineAlert>}
      </div>
    </Dialog>
  );
}
