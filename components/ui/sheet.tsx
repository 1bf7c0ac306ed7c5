"use client";
// A panel sliding in from the left edge (Radix Dialog underneath: focus trap, Escape, backdrop
// click, labelled). The console's navigation lives in one below the lg breakpoint.
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { OVERLAY } from "./dialog";

export function Sheet({
  open,
  onOpenChange,
  title,
  children,
  testId,
  className,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The accessible name; shown only to screen readers (the panel carries its own heading). */
  title: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={OVERLAY} />
        <RadixDialog.Content
          data-testid={testId}
          aria-describedby={undefined}
          className={cn(
            "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-white shadow-xl focus:outline-none",
            "motion-safe:data-[state=open]:animate-[sheet-in_150ms_ease-out]",
            className,
          )}
        >
          <RadixDialog.Title className="sr-only">{title}</RadixDialog.Title>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const SheetClose = RadixDialog.Close;
