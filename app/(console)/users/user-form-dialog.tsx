"use client";
// Create and edit a user. Edit sends only the fields that changed, so saving an untouched form
// cannot overwrite a concurrent change made by another admin. The password's length follows the
// server's policy (PASSWORD_MIN_LENGTH, passed down by the page); whether it is too common is
// only known to the server, whose answer lands on the field.
import { useQuery } from "@tanstack/react-query";
import { useController } from "react-hook-form";
import { z } from "zod";
import { ModelChecklist } from "@/components/forms/model-checklist";
import { Field } from "@/components/ui/field";
import { FormDialog, nullableNumber, nullableText, optionalText } from "@/components/ui/form-dialog";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { formErrorOf } from "@/lib/query/api-error";
import { queryKeys } from "@/lib/query/query-keys";
import { teamsQuery } from "@/lib/query/teams";
import type { UpdateUserBody, User } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { createUser, updateUser } from "@/lib/query/users";
import { createUserSchema, updateUserSchema } from "@/lib/users/schemas";

const FIELDS = ["email", "name", "role", "tier", "teamId", "password", "disabled", "keyModels", "keyMaxDays"] as const;
const LABELS = { teamId: "Team", keyMaxDays: "Longest key life", keyModels: "Models" };

/**
 * The API's schema with the server's password length (PASSWORD_MIN_LENGTH) as the password field's
 * own rule, so it is reported together with every other field's problem (the API checks it too).
 */
function formSchema(editing: boolean, passwordMinLength: number) {
  const password = z
    .string()
    .refine((text) => [...text].length >= passwordMinLength, `Password must be at least ${passwordMinLength} characters long`)
    .max(200)
    .optional();
  return editing ? updateUserSchema.extend({ disabled: z.boolean(), password }) : createUserSchema.extend({ password });
}

type FormValues = z.output<typeof createUserSchema> & { disabled?: boolean };

const sameModels = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((model) => b.includes(model));

function changedFields(user: User, values: FormValues): UpdateUserBody {
  const body: UpdateUserBody = {};
  if (values.email !== user.email) body.email = values.email;
  if (values.name !== user.name) body.name = values.name;
  if (values.role !== user.role) body.role = values.role;
  if (values.tier !== user.tier) body.tier = values.tier;
  if ((values.teamId ?? null) !== user.teamId) body.teamId = values.teamId ?? null;
  if (values.disabled !== undefined && values.disabled !== user.disabled) body.disabled = values.disabled;
  if (values.password) body.password = values.password;
  const keyModels = values.keyModels ?? [];
  if (!sameModels(keyModels, user.keyModels)) body.keyModels = keyModels;
  if ((values.keyMaxDays ?? null) !== user.keyMaxDays) body.keyMaxDays = values.keyMaxDays ?? null;
  return body;
}

export function UserFormDialog({ user, onClose, passwordMinLength }: { user: User | "new" | null; onClose: () => void; passwordMinLength: number }) {
  // Remounted per opening, so the fields start from the user being edited.
  return user && <UserForm key={user === "new" ? "new" : user.id} editing={user === "new" ? null : user} onClose={onClose} passwordMinLength={passwordMinLength} />;
}

function UserForm({ editing, onClose, passwordMinLength }: { editing: User | null; onClose: () => void; passwordMinLength: number }) {
  const toast = useToast();
  const teams = useQuery(teamsQuery());
  const form = useZodForm(formSchema(editing !== null, passwordMinLength), {
    labels: LABELS,
    defaultValues: {
      name: editing?.name ?? "",
      email: editing?.email ?? "",
      role: editing?.role ?? "developer",
      tier: editing?.tier ?? "free",
      teamId: editing?.teamId ?? null,
      keyModels: editing?.keyModels ?? [],
      keyMaxDays: editing?.keyMaxDays ?? null,
      ...(editing ? { disabled: editing.disabled } : {}),
    },
  });
  const save = useInvalidatingMutation(
    (values: FormValues) => (editing ? updateUser(editing.id, changedFields(editing, values)) : createUser(values)),
    [queryKeys.users.all, queryKeys.teams.all],
    (saved) => {
      onClose();
      toast(editing ? `${saved.email} saved` : `${saved.email} added`);
    },
  );
  const submit = form.handleSubmit((values) => save.mutate(values as FormValues, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) }));
  const { register } = form;
  const keyModels = useController({ control: form.control, name: "keyModels" });

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : "Add user"}
      submitLabel={editing ? "Save changes" : "Add user"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="user-form"
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="user-name" label="Name" error={errorOf(form, "name")}>
          {(control) => <Input {...control} {...register("name")} autoComplete="off" autoFocus />}
        </Field>
        <Field id="user-email" label="Email" error={errorOf(form, "email")}>
          {(control) => <Input {...control} {...register("email")} type="email" autoComplete="off" />}
        </Field>
        <Field id="user-role" label="Role" error={errorOf(form, "role")}>
          {(control) => (
            <Select {...control} {...register("role")}>
              <option value="developer">Developer — own keys and usage</option>
              <option value="viewer">Viewer — read-only</option>
              <option value="admin">Admin — everything</option>
            </Select>
          )}
        </Field>
        <Field id="user-tier" label="Tier" error={errorOf(form, "tier")}>
          {(control) => (
            <Select {...control} {...register("tier")}>
              <option value="free">Free</option>
              <option value="pro">Pro</option>
              <option value="enterprise">Enterprise</option>
            </Select>
          )}
        </Field>
      </div>
      <Field id="user-team" label="Team" optional error={errorOf(form, "teamId")}>
        {(control) => (
          // Remounted once the teams are there, so react-hook-form selects the user's team among them.
          <Select key={teams.isSuccess ? "loaded" : "loading"} {...control} {...register("teamId", nullableText)} disabled={teams.isLoading}>
            <option value="">No team</option>
            {teams.data?.data.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id="user-password"
        label={editing ? "New password" : "Password"}
        optional
        error={errorOf(form, "password")}
        hint={
          editing
            ? `Leave empty to keep the current password. A new one needs at least ${passwordMinLength} characters.`
            : `At least ${passwordMinLength} characters, not a common password. Without one, the user can only use API keys.`
        }
      >
        {(control) => <Input {...control} {...register("password", optionalText)} type="password" autoComplete="new-password" />}
      </Field>
      <ModelChecklist
        name="keyModels"
        value={keyModels.field.value}
        onChange={keyModels.field.onChange}
        legend="Models this user's keys may call"
        error={errorOf(form, "keyModels")}
        hint="Holds for every key of the user, new ones included; the user cannot widen it. None ticked: every model."
      />
      <Field
        id="user-key-max-days"
        label="Longest key life (days)"
        optional
        error={errorOf(form, "keyMaxDays")}
        hint="Every key of the user expires at most this many days after it was made; existing keys are brought forward. Empty: no limit."
      >
        {(control) => <Input {...control} {...register("keyMaxDays", nullableNumber)} type="number" min={1} max={3650} step={1} className="w-32" />}
      </Field>
      {editing && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <Checkbox {...register("disabled")} data-testid="user-disabled" />
          Disabled — cannot sign in, and their keys are refused
        </label>
      )}
    </FormDialog>
  );
}
