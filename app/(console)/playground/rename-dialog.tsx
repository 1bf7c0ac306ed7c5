"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { InlineAlert } from "@/components/ui/inline-alert";

/** Renames a saved conversation; the title rules are the API's (1–200 characters). */
export function RenameDialog({ title, onClose, onSave, pending, error }: { title: string; onClose: () => void; onSave: (title: string) => void; pending: boolean; error?: string }) {
  const [value, setValue] = useState(title);
  const problem = value.trim() === "" ? "A title is required." : value.trim().length > 200 ? "At most 200 characters." : null;
  return (
    <Dialog open onClose={onClose} title="Rename conversation">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem) onSave(value.trim());
        }}
      >
        <Field id="conversation-title" label="Title" error={value !== title ? (problem ?? undefined) : undefined}>
          {(control) => <Input {...control} value={value} onChange={(event) => setValue(event.target.value)} data-testid="rename-input" autoFocus />}
        </Field>
        {error && <InlineAlert tone="error">{error}</InlineAlert>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={problem !== null} pending={pending} data-testid="rename-save">
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
