"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog, formText } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { toDayKey } from "@/lib/charts/date-range";
import { NO_KEY_LIMITS, type UserKeyLimits } from "@/lib/keys/key-limits";
import { createKeySchema } from "@/lib/keys/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { createKey } from "@/lib/query/keys";
import { queryKeys } from "@/lib/query/query-keys";
import type { CreateKeyBody, CreatedApiKey } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { usersQuery } from "@/lib/query/users";
import { assertValid } from "@/lib/query/validate";
import { expiryForDay, keyFormLimits } from "@/lib/keys/key-form-limits";
import { ModelChecklist } from "@/components/forms/model-checklist";

const FIELDS = ["userId", "name", "models", "expiresAt"];

export function CreateKeyDialog({
  open,
  onClose,
  currentUser,
  canChooseOwner,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** The signed-in user, with the limits an admin set on their keys. */
  currentUser: { id: string; email: string; keyLimits: UserKeyLimits };
  canChooseOwner: boolean;
  onCreated: (key: CreatedApiKey) => void;
}) {
  // Only admins may pick another owner (and only they can list users).
  const users = useQuery({ ...usersQuery(), enabled: open && canChooseOwner });
  const [ownerId, setOwnerId] = useState(currentUser.id);
  const owner = ownerId === currentUser.id ? null : users.data?.data.find((user) => user.id === ownerId);
  // The form offers only what the owner's limits allow; the API refuses the rest with a 403 anyway.
  const limits = keyFormLimits(owner ? { models: owner.keyModels, maxDays: owner.keyMaxDays } : ownerId === currentUser.id ? currentUser.keyLimits : NO_KEY_LIMITS);
  const create = useInvalidatingMutation(
    (body: CreateKeyBody) => {
      assertValid(createKeySchema, body);
      return createKey(body);
    },
    [queryKeys.keys.all],
    onCreated,
  );

  const submit = (form: FormData) => {
    create.mutate({
      userId: canChooseOwner ? formText(form, "userId") : currentUser.id,
      name: formText(form, "name") ?? "",
      models: form.getAll("models").map(String),
      // The key works through the whole chosen (UTC) day, or up to the latest its owner's limit allows.
      expiresAt: expiryForDay(formText(form, "expiresAt"), limits),
    });
  };

  const whose = ownerId === currentUser.id ? "your" : "this user's";
  return (
    <FormDialog
      open={open}
      onClose={() => {
        create.reset();
        setOwnerId(currentUser.id);
        onClose();
      }}
      title="Create key"
      description="The key is shown once, right after it is created."
      submitLabel="Create key"
      pending={create.isPending}
      formError={formErrorOf(create.error, FIELDS)}
      onSubmit={submit}
      testId="create-key-dialog"
    >
      {canChooseOwner ? (
        <Field id="key-user" label="Owner" error={fieldErrorOf(create.error, "userId")} hint="Usage and quotas are counted against this user.">
          {(control) => (
            <Select {...control} name="userId" value={ownerId} onChange={(event) => setOwnerId(event.target.value)} disabled={users.isLoading}>
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
      <Field id="key-name" label="Name" error={fieldErrorOf(create.error, "name")} hint="Where the key will be used, e.g. “billing-service prod”.">
        {(control) => <Input {...control} name="name" autoComplete="off" required autoFocus />}
      </Field>
      <ModelChecklist
        key={ownerId}
        only={limits.models}
        error={fieldErrorOf(create.error, "models")}
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
        error={fieldErrorOf(create.error, "expiresAt")}
        hint={
          limits.lastDay
            ? `An admin limits ${whose} keys to ${limits.maxDays} days: pick a day up to ${limits.lastDay}, or leave empty for the latest allowed.`
            : "Last day the key works (UTC). Leave empty for no expiry."
        }
      >
        {(control) => <Input {...control} key={ownerId} name="expiresAt" type="date" min={toDayKey(new Date())} max={limits.lastDay ?? undefined} className="w-44" />}
      </Field>
    </FormDialog>
  );
}
