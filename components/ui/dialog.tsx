"use client";
// Modal dialog on Radix Dialog: focus trapped and restored to the opener, Escape and a click on
// the backdrop close it, the rest of the page is hidden from screen readers while it is open, and
// the title/description label it. The content mounts only while open, so every opening starts with
// a fresh form.
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./cn";

export const OVERLAY = "fixed inset-0 z-40 bg-slate-900/50 backdrop-blur-[1px] dark:bg-black/60";

const SIZES = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" } as const;

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
  testId,
}: {
  open: boolean;
  /** Called on Escape, a backdrop click or a Close button; the parent may ignore it (mid-request). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: keyof typeof SIZES;
  testId?: string;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={OVERLAY} />
        <RadixDialog.Content
          data-testid={testId}
          // Without a description Radix warns unless told there is none on purpose.
          {...(description ? {} : { "aria-describedby": undefined })}
          className={cn(
            "fixed top-1/2 left-1/2 z-50 flex max-h-[90dvh] w-[calc(100vw-1.5rem)] -translate-x-1/2 -translate-y-1/2 flex-col",
            "rounded-lg bg-white text-slate-900 shadow-xl ring-1 ring-slate-900/5 focus:outline-none dark:ring-slate-200",
            SIZES[size],
          )}
        >
          <div className="border-b border-slate-100 px-5 py-4">
            <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
            {description && <RadixDialog.Description className="mt-1 text-sm text-slate-500">{description}</RadixDialog.Description>}
          </div>
          {children && <div className="min-h-0 overflow-y-auto px-5 py-4">{children}</div>}
          {footer && <div className="flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
