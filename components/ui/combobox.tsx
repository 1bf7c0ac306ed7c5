"use client";
// A searchable select: a text field anchoring a Radix Popover that holds a cmdk list. cmdk gives
// the listbox semantics, arrow keys, Enter, and scrolls the active option into view; the popover
// positions the list (flipping above the field near the bottom of the screen) and closes on
// Escape or a click outside. Closed, the field shows the chosen label; open, it is the search box.
import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { useMemo, useState } from "react";
import { cn } from "./cn";
import { CONTROL } from "./input";

export interface ComboboxOption {
  value: string;
  label: string;
  /** secondary text, also searched (e.g. a key's prefix and owner) */
  hint?: string;
}

// Rendering thousands of options would stall typing; past this the user narrows the search.
const MAX_SHOWN = 100;

export function Combobox({
  id,
  options,
  value,
  onChange,
  placeholder,
  loading,
  testId,
  optionTestId = "combobox-option",
  className,
}: {
  id: string;
  options: readonly ComboboxOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder: string;
  loading?: boolean;
  testId?: string;
  optionTestId?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const selected = options.find((option) => option.value === value);

  // Plain substring matching on label and hint: predictable for ids, e-mails and key prefixes.
  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const found = needle ? options.filter((o) => `${o.label} ${o.hint ?? ""}`.toLowerCase().includes(needle)) : options;
    return found.slice(0, MAX_SHOWN);
  }, [options, search]);

  const close = () => {
    setOpen(false);
    setSearch("");
  };

  return (
    <Command shouldFilter={false} loop className={cn("relative w-full sm:w-72", className)} label={placeholder}>
      <Popover.Root open={open} onOpenChange={(next) => (next ? setOpen(true) : close())}>
        <Popover.Anchor asChild>
          <Command.Input
            id={id}
            data-testid={testId}
            autoComplete="off"
            placeholder={loading ? "Loading…" : placeholder}
            value={open ? search : (selected?.label ?? "")}
            onValueChange={(text) => {
              setSearch(text);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(event) => {
              if (event.key === "Escape") close();
              if (event.key === "ArrowDown" && !open) setOpen(true);
            }}
            className={cn(CONTROL, "h-9 w-full")}
          />
        </Popover.Anchor>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={4}
            collisionPadding={8}
            // Focus stays in the field: typing keeps searching while the list is open.
            onOpenAutoFocus={(event) => event.preventDefault()}
            onInteractOutside={(event) => {
              if (event.target instanceof Node && document.getElementById(id)?.contains(event.target)) event.preventDefault();
            }}
            className="z-50 w-[var(--radix-popover-trigger-width)] min-w-56 rounded-md bg-white shadow-lg ring-1 ring-slate-200"
          >
            <Command.List className="max-h-64 overflow-y-auto py-1 text-sm">
              <Command.Empty className="px-3 py-2 text-slate-500">{loading ? "Loading…" : "No matches"}</Command.Empty>
              {matches.map((option) => (
                <Command.Item
                  key={option.value}
                  value={option.value}
                  data-testid={optionTestId}
                  onSelect={() => {
                    onChange(option.value);
                    close();
                  }}
                  className={cn(
                    "cursor-pointer px-3 py-1.5 text-slate-700 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900",
                    option.value === value && "font-medium",
                  )}
                >
                  <span className="block truncate">{option.label}</span>
                  {option.hint && <span className="block truncate text-xs text-slate-500">{option.hint}</span>}
                </Command.Item>
              ))}
            </Command.List>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </Command>
  );
}
