"use client";
// "Check a recorded anchor": the newest entry and hash an operator copied from an earlier verify.
// If the row no longer has that hash, the log was rolled back or rewritten since, even when it is
// consistent with its checkpoint. Checked against the same schema as the verify route's query.
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { auditAnchorSchema, type AuditAnchor } from "@/lib/audit/schemas";

const LABELS = { anchorId: "Entry", anchorHash: "Hash" };

/** Accepts what "Copy" puts on the clipboard ("1234 9f2c…") pasted into the entry field too. */
function splitPasted(id: string, hash: string): { anchorId: string; anchorHash: string } {
  const pasted = /^\s*#?(\d+)\s+([0-9a-f]{64})\s*$/i.exec(id);
  return pasted && !hash ? { anchorId: pasted[1], anchorHash: pasted[2].toLowerCase() } : { anchorId: id.trim().replace(/^#/, ""), anchorHash: hash.trim().toLowerCase() };
}

export function AuditAnchorForm({ onCheck, pending }: { onCheck: (anchor: AuditAnchor) => void; pending: boolean }) {
  const form = useZodForm(auditAnchorSchema, { labels: LABELS, defaultValues: { anchorId: "", anchorHash: "" } });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    // A pasted "1234 9f2c…" is split into its two fields before the check, and stays split.
    const { anchorId, anchorHash } = splitPasted(String(form.getValues("anchorId") ?? ""), String(form.getValues("anchorHash") ?? ""));
    form.setValue("anchorId", anchorId);
    form.setValue("anchorHash", anchorHash);
    return form.handleSubmit(onCheck)(event);
  };

  return (
    <details className="mb-4 rounded-md bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-slate-200" data-testid="audit-anchor">
      <summary className="cursor-pointer font-medium text-slate-700">Check a recorded anchor</summary>
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-start gap-3" aria-label="Check a recorded anchor" noValidate>
        <Field id="audit-anchor-id" label="Entry #" error={errorOf(form, "anchorId")} className="w-28">
          {(control) => <Input {...control} {...form.register("anchorId")} inputMode="numeric" data-testid="audit-anchor-id" autoComplete="off" />}
        </Field>
        <Field id="audit-anchor-hash" label="Hash" error={errorOf(form, "anchorHash")} className="min-w-0 flex-1 basis-72">
          {(control) => <Input {...control} {...form.register("anchorHash")} className="font-mono text-xs" data-testid="audit-anchor-hash" autoComplete="off" spellCheck={false} />}
        </Field>
        <Button type="submit" size="md" className="sm:mt-6" pending={pending} data-testid="audit-anchor-check">
          Check anchor
        </Button>
      </form>
    </details>
  );
}
