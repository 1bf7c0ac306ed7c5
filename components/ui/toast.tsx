"use client";
// Short confirmations after a successful write ("Key revoked"), on Radix Toast: announced politely
// to screen readers, paused while hovered or focused, swipe to dismiss on touch screens, and
// reachable with F8. Errors are not toasts: they stay next to the form or in the confirm dialog,
// where the user can act on them.
import * as RadixToast from "@radix-ui/react-toast";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

interface Toast {
  id: number;
  message: string;
}

const ToastContext = createContext<((message: string) => void) | null>(null);
const TOAST_MS = 4000;
let nextId = 0;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((message: string) => {
    const id = ++nextId;
    setToasts((current) => [...current, { id, message }]);
  }, []);
  const dismiss = (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id));
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider duration={TOAST_MS} swipeDirection="right" label="Notification">
        {children}
        {toasts.map((toast) => (
          <RadixToast.Root
            key={toast.id}
            data-testid="toast"
            onOpenChange={(open) => !open && dismiss(toast.id)}
            className="flex items-start gap-3 rounded-md bg-slate-900 px-4 py-2.5 text-sm text-white shadow-lg dark:bg-slate-100 dark:ring-1 dark:ring-slate-300 data-[swipe=end]:translate-x-[var(--radix-toast-swipe-end-x)] data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)] dark:bg-slate-700 dark:text-slate-50"
          >
            <RadixToast.Description className="min-w-0 flex-1">{toast.message}</RadixToast.Description>
            <RadixToast.Close aria-label="Dismiss" className="-mr-1 rounded px-1 text-slate-400 hover:text-white">
              ×
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-[60] flex max-h-screen w-full max-w-sm flex-col items-stretch gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

export function useToast(): (message: string) => void {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast must be used inside <ToastProvider>");
  return toast;
}
