"use client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type PlaygroundMode = "chat" | "compare";

/** Chat (the saved conversation) or Compare (one prompt to several models), and a new conversation. */
export function PlaygroundModeActions({ mode, onMode, onNew, hasThread }: { mode: PlaygroundMode; onMode: (mode: PlaygroundMode) => void; onNew: () => void; hasThread: boolean }) {
  const tab = (value: PlaygroundMode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === value}
      onClick={() => onMode(value)}
      className={cn("rounded-md px-3 py-1.5 text-sm font-medium", mode === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900")}
      data-testid={`mode-${value}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="tablist" aria-label="Playground mode" className="flex rounded-lg bg-slate-100 p-1">
        {tab("chat", "Chat")}
        {tab("compare", "Compare")}
      </div>
      {mode === "chat" && (
        <Button size="sm" onClick={onNew} disabled={!hasThread} data-testid="clear-conversation">
          New conversation
        </Button>
      )}
    </div>
  );
}
