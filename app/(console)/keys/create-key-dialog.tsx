"use client";
import { useQuery } from "@tanstack/react-query";
import { useController, useWatch } from "react-hook-form";
import { ModelChecklist } from "@/components/forms/model-checklist";
import { Field } from "@/components/ui/field";
import { FormDialog, optionalText } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { toDayKey } from "@/lib/charts/date-range";
import { expiryForDay, keyFormLimits } from "@/lib/keys/key-form-limits";
import { NO_KEY_LIMITS, type UserKeyLimits } from "@/lib/keys/key-limits";
import { createKeySchema } from "@/lib/keys/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { createKey } from "@/lib/query/keys";
import { queryKeys } from "@/lib/query/query-keys";
import type { CreateKeyBody, CreatedApiKey } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { usersQuery } from "@/lib/query/users";

const FIELDS = ["userId", "name", "models", "expiresAt"] as const;
const LABELS = { userId: "Owner", expiresAt: "Expiry day" };

interface CurrentUser {
  id: string;
  email: string;
  /** The limits an admin set on the signed-in user's keys. */
  keyLimits: UserKeyLimits;
}

export function CreateKeyDialog({
  open,
  ...props
}: {
  open: boolean;
  onClose: () => void;
  currentUser: CurrentUser;
  canChooseOwner: boolean;
  onCreated: (key: CreatedApiKey) => void;
}) {
  // Mounted per opening, so every key starts from an empty form owned by the signed-in user.
  return open && <CreateKeyForm {...props} />;
}

function CreateKeyForm({ onClose, currentUser, canChooseOwner, onCreated }: { onClose: () => void; currentUser: CurrentUser; canChooseOwner: boolean; onCreated: (key: CreatedApiKey) => void }) {
  // Only admins may pick another owner (and only they can list users).
  const users = useQuery({ ...usersQuery(), enabled: canChooseOwner });
  const form = useZodForm(createKeySchema, { labels: LABELS, defaultValues: { userId: currentUser.id, name: "", models: [], expiresAt: undefined } });
  const models = useController({ control: form.control, name: "models" });
  const ownerId = useWatch({ control: form.control, name: "userId" }) ?? currentUser.id;
  const owner = ownerId === currentUser.id ? null : users.data?.data.find((user) => user.id === ownerId);
  // The form offers only what the owner's limits allow; the API refuses the rest with a 403 anyway.
  const limits = keyFormLimits(owner ? { models: owner.keyModels, maxDays: owner.keyMaxDays } : ownerId === currentUser.id ? currentUser.keyLimits : NO_KEY_LIMITS);
  const create = useInvalidatingMutation((body: CreateKeyBody) => createKey(body), [queryKeys.keys.all], onCreated);

  const submit = form.handleSubmit((values) => {
    const body: CreateKeyBody = {
      userId: canChooseOwner ? values.userId : currentUser.id,
      name: values.name,
      models: values.models,
      // The key works through the whole chosen (UTC) day, or up to the latest its owner's limit allows.
      expiresAt: expiryForDay(form.getValues("expiresAt") ?? undefined, limits),
    };
    create.mutate(body, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) });
  });

  const whose = ownerId === currentUser.id ? "your" : "this user's";
  return (
    <FormDialog
      onClose={onClose}
      title="Create key"
      description="The key is shown once, right after it is created."
      submitLabel="Create key"
      pending={create.isPending}
      formError={formErrorOf(create.error, FIELDS)}
      onSubmit={submit}
      testId="create-key-dialog"
    >
      {canChooseOwner ? (
        <Field id="key-user" label="Owner" error={errorOf(form, "userId")} hint="Usage and quotas are counted against this user.">
          {(control) => (
            <Select
              {...control}
              {...form.register("userId", {
                // Another owner may have other limits: start their models and expiry afresh.
                onChange: () => {
                  form.setValue("models", []);
                  form.setValue("expiresAt", undefined);
                },
              })}
              disabled={users.isLoading}
            >
              <option value={currentUser.id}>{currentUser.email} (you)</option>
              {users.data?.data
                .filter((user) => user.id !== currentUser.id && !user.disabled)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} — {user.email}
                  </option>
                ))}
            </Select>
          )}
        </Field>
      ) : (
        <p className="text-sm text-slate-600">
          Owner: <span className="font-medium text-slate-900">{currentUser.email}</span>
        </p>
      )}
      <Field id="key-name" label="Name" error={errorOf(form, "name")} hint="Where the key will be used, e.g. “billing-service prod”.">
        {(control) => <Input {...control} {...form.register("name")} autoComplete="off" autoFocus />}
      </Field>
      <ModelChecklist
        value={models.field.value}
        onChange={models.field.onChange}
        only={limits.models}
        error={errorOf(form, "models") ?? fieldErrorOf(create.error, "models")}
        hint={
          limits.models
            ? `Leave all unticked to allow every model an admin allows ${whose} keys (${limits.models.join(", ")}).`
            : "Leave all unticked to allow every model."
        }
      />
      <Field
        id="key-expires"
        label="Expires after"
        optional
        error={errorOf(form, "expiresAt")}
        hint={
          limits.lastDay
            ? `An admin limits ${whose} keys to ${limits.maxDays} days: pick a day up to ${limits.lastDay}, or leave empty for the latest allowed.`
            : "Last day the key works (UTC). Leave empty for no expiry."
        }
      >
        {(control) => <Input {...control} {...form.register("expiresAt", optionalText)} type="date" min={toDayKey(new Date())} max={limits.lastDay ?? undefined} className="w-44" />}
      </Field>
    </FormDialog>
  );
}
