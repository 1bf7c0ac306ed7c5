"use client";
// The Cache page's sections as tabs (arrow keys move between them); the chosen tab is kept in the
// URL (?tab=) so a link or a reload opens the same one.
import { useRef, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { CACHE_TABS, type CacheTab } from "./cache-tab-list";

export function CacheTabs({ value, onChange }: { value: CacheTab; onChange: (tab: CacheTab) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + CACHE_TABS.length) % CACHE_TABS.length;
    onChange(CACHE_TABS[next].id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label="Cache sections" className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200">
      {CACHE_TABS.map((tab, index) => {
        const selected = tab.id === value;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`cache-tab-${tab.id}`}
            aria-selected={selected}
            aria-controls={`cache-panel-${tab.id}`}
            tabIndex={selected ? 0 : -1}
            data-testid={`cache-tab-${tab.id}`}
            onClick={() => onChange(tab.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
              selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
            )}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
