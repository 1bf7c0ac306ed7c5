"use client";
// "Are you sure?" for deletes and revokes, on Radix AlertDialog: announced as an alert dialog,
// focus starts on Cancel, and a click outside does not dismiss it. The error stays inside the
// dialog so the user sees why nothing happened (e.g. 409 "team still has members").
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { ReactNode } from "react";
import { Button } from "./button";
import { OVERLAY } from "./dialog";
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
    <AlertDialog.Root open={open} onOpenChange={(next) => !next && !pending && onClose()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={OVERLAY} />
        <AlertDialog.Content
          data-testid="confirm-dialog"
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[90dvh] w-[calc(100vw-1.5rem)] max-w-md -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white text-slate-900 shadow-xl ring-1 ring-slate-900/5 focus:outline-none dark:ring-slate-200"
        >
          <div className="space-y-3 overflow-y-auto px-5 py-4">
            <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="text-sm text-slate-600">{description}</div>
            </AlertDialog.Description>
            {error && <InlineAlert tone="error">{error}</InlineAlert>}
          </div>
          <div className="flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-5 py-3">
            <AlertDialog.Cancel asChild>
              <Button disabled={pending}>Cancel</Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before the request answers. */}
            <Button variant="danger" onClick={onConfirm} pending={pending} data-testid="confirm-button">
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
