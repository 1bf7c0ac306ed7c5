"use client";
// A searchable select (ARIA combobox with a listbox): type to filter, arrows to move, Enter to pick,
// Escape to close. Long lists of users or keys are unusable in a plain <select>.
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";

export interface ComboboxOption {
  value: string;
  label: string;
  /** secondary text, also searched (e.g. a key's prefix and owner) */
  hint?: string;
}

const MAX_SHOWN = 100;

export function ScopeCombobox({
  id,
  options,
  value,
  onChange,
  placeholder,
  loading,
  testId,
}: {
  id: string;
  options: ComboboxOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder: string;
  loading?: boolean;
  testId?: string;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const selected = options.find((option) => option.value === value);

  const matches = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const found = needle ? options.filter((o) => `${o.label} ${o.hint ?? ""}`.toLowerCase().includes(needle)) : options;
    return found.slice(0, MAX_SHOWN);
  }, [options, text]);

  function pick(option: ComboboxOption) {
    onChange(option.value);
    setOpen(false);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (matches.length === 0 ? 0 : (index + step + matches.length) % matches.length));
    } else if (event.key === "Enter" && open && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
      setText("");
    }
  }

  return (
    <div className="relative w-72">
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        data-testid={testId}
        placeholder={loading ? "Loading…" : placeholder}
        // Closed, the field shows the choice; open, it is the search box.
        value={open ? text : (selected?.label ?? "")}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => {
          setOpen(false);
          setText("");
        }}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul
          id={listId}
          role="listbox"
          className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {matches.length === 0 ? (
            <li className="px-3 py-2 text-slate-500">{loading ? "Loading…" : "No matches"}</li>
          ) : (
            matches.map((option, index) => (
              <li
                key={option.value}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={option.value === value}
                data-testid="scope-option"
                // mousedown, not click: it lands before the input's blur closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(option);
                }}
                onMouseEnter={() => setActive(index)}
                className={cn("cursor-pointer px-3 py-1.5", index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700")}
              >
                <span className="block truncate">{option.label}</span>
                {option.hint && <span className="block truncate text-xs text-slate-500">{option.hint}</span>}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
