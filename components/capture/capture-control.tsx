"use client";
// Turning body capture on or off for one key or team (admins). The form uses the zod schema
// PUT /api/admin/capture-settings parses, so a bad retention is explained before anything is sent.
// Both changes are audited by the API.
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { upsertCaptureSettingSchema } from "@/lib/capture/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { captureSettingsQuery, deleteCaptureSetting, putCaptureSetting } from "@/lib/query/capture";
import { queryKeys } from "@/lib/query/query-keys";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";

type FormInput = z.input<typeof upsertCaptureSettingSchema>;
type FormOutput = z.output<typeof upsertCaptureSettingSchema>;

const RETENTIONS = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
  { hours: 720, label: "30 days" },
];

export function CaptureControl({ scope, scopeId, canManage }: { scope: "key" | "team"; scopeId: string; canManage: boolean }) {
  const toast = useToast();
  const settings = useQuery(captureSettingsQuery());
  const current = settings.data?.data.find((s) => s.scope === scope && s.scopeId === scopeId) ?? null;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(upsertCaptureSettingSchema),
    values: { scope, scopeId, retentionHours: current?.retentionHours ?? 24 },
  });
  const turnOn = useInvalidatingMutation(putCaptureSetting, [queryKeys.capture.all, queryKeys.usage.all], () => toast("Body capture is on"));
  const turnOff = useInvalidatingMutation(() => deleteCaptureSetting(scope, scopeId), [queryKeys.capture.all], () => toast("Body capture is off"));
  const failure = turnOn.error ?? turnOff.error;

  return (
    <section className="mt-4 border-t border-slate-100 pt-4" data-testid="capture-control">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Body capture (debugging)</h3>
      <p className="mt-1 text-sm text-slate-600" data-testid="capture-state">
        {current
          ? `On: request and response bodies of its calls are stored, secrets redacted, for ${current.retentionHours} hours.`
          : "Off: prompts and answers are not stored."}
      </p>
      {failure && <InlineAlert tone="error" className="mt-2">{errorMessage(failure)}</InlineAlert>}
      {canManage && (
        <form
          noValidate
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={form.handleSubmit((body) => turnOn.mutate({ scope, scopeId, retentionHours: body.retentionHours }))}
        >
          <Field id={`capture-retention-${scopeId}`} label="Keep bodies for" error={form.formState.errors.retentionHours?.message} className="w-40">
            {(control) => (
              <Select {...control} {...form.register("retentionHours", { valueAsNumber: true })}>
                {RETENTIONS.map((r) => (
                  <option key={r.hours} value={r.hours}>
                    {r.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" size="md" variant={current ? "secondary" : "primary"} pending={turnOn.isPending} data-testid="capture-save">
            {current ? "Change retention" : "Turn capture on"}
          </Button>
          {current && (
            <Button size="md" variant="danger" pending={turnOff.isPending} onClick={() => turnOff.mutate(undefined)} data-testid="capture-off">
              Turn off
            </Button>
          )}
        </form>
      )}
    </section>
  );
}
