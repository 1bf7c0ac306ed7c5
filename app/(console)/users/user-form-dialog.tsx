"use client";
// Create and edit a user. Edit sends only the fields that changed, so saving an untouched form
// cannot overwrite a concurrent change made by another admin.
import { useQuery } from "@tanstack/react-query";
import { Field } from "@/components/ui/field";
import { ModelChecklist } from "@/components/forms/model-checklist";
import { FormDialog, formNumber, formText } from "@/components/ui/form-dialog";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { queryKeys } from "@/lib/query/query-keys";
import { teamsQuery } from "@/lib/query/teams";
import type { CreateUserBody, Role, Tier, UpdateUserBody, User } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { createUser, updateUser } from "@/lib/query/users";
import { assertValid } from "@/lib/query/validate";
import { createUserSchema, updateUserSchema } from "@/lib/users/schemas";
import { useToast } from "@/components/ui/toast";

const FIELDS = ["email", "name", "role", "tier", "teamId", "password", "disabled", "keyModels", "keyMaxDays"];

/** The key limits as the form holds them: ticked models (none = every model) and a lifetime (empty = none). */
function keyLimitFields(form: FormData): { keyModels: string[]; keyMaxDays: number | null } {
  return { keyModels: form.getAll("keyModels").map(String), keyMaxDays: formNumber(form, "keyMaxDays") ?? null };
}

const sameModels = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((model) => b.includes(model));

type Submission = { kind: "create"; body: CreateUserBody } | { kind: "update"; id: string; body: UpdateUserBody };

function changedFields(user: User, form: FormData): UpdateUserBody {
  const body: UpdateUserBody = {};
  const email = formText(form, "email") ?? "";
  const name = formText(form, "name") ?? "";
  const role = form.get("role") as Role;
  const tier = form.get("tier") as Tier;
  const teamId = formText(form, "teamId") ?? null;
  const disabled = form.get("disabled") === "on";
  const password = formText(form, "password");
  if (email !== user.email) body.email = email;
  if (name !== user.name) body.name = name;
  if (role !== user.role) body.role = role;
  if (tier !== user.tier) body.tier = tier;
  if (teamId !== user.teamId) body.teamId = teamId;
  if (disabled !== user.disabled) body.disabled = disabled;
  if (password) body.password = password;
  const limits = keyLimitFields(form);
  if (!sameModels(limits.keyModels, user.keyModels)) body.keyModels = limits.keyModels;
  if (limits.keyMaxDays !== user.keyMaxDays) body.keyMaxDays = limits.keyMaxDays;
  return body;
}

export function UserFormDialog({ user, onClose }: { user: User | "new" | null; onClose: () => void }) {
  const editing = user !== null && user !== "new" ? user : null;
  const toast = useToast();
  const teams = useQuery({ ...teamsQuery(), enabled: user !== null });
  const save = useInvalidatingMutation(
    (submission: Submission) => {
      if (submission.kind === "create") {
        assertValid(createUserSchema, submission.body);
        return createUser(submission.body);
      }
      assertValid(updateUserSchema, submission.body);
      return updateUser(submission.id, submission.body);
    },
    [queryKeys.users.all, queryKeys.teams.all],
    (saved, submission) => {
      onClose();
      toast(submission.kind === "create" ? `${saved.email} added` : `${saved.email} saved`);
    },
  );

  const submit = (form: FormData) => {
    if (editing) return save.mutate({ kind: "update", id: editing.id, body: changedFields(editing, form) });
    save.mutate({
      kind: "create",
      body: {
        email: formText(form, "email") ?? "",
        name: formText(form, "name") ?? "",
        role: form.get("role") as Role,
        tier: form.get("tier") as Tier,
        teamId: formText(form, "teamId"),
        password: formText(form, "password"),
        ...keyLimitFields(form),
      },
    });
  };

  const error = save.error;
  return (
    <FormDialog
      open={user !== null}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? `Edit ${editing.name}` : "Add user"}
      submitLabel={editing ? "Save changes" : "Add user"}
      pending={save.isPending}
      formError={formErrorOf(error, FIELDS)}
      onSubmit={submit}
      testId="user-form"
    >
      <div className="grid grid-cols-2 gap-4">
        <Field id="user-name" label="Name" error={fieldErrorOf(error, "name")}>
          {(control) => <Input {...control} name="name" defaultValue={editing?.name} autoComplete="off" required autoFocus />}
        </Field>
        <Field id="user-email" label="Email" error={fieldErrorOf(error, "email")}>
          {(control) => <Input {...control} name="email" type="email" defaultValue={editing?.email} autoComplete="off" required />}
        </Field>
        <Field id="user-role" label="Role" error={fieldErrorOf(error, "role")}>
          {(control) => (
            <Select {...control} name="role" defaultValue={editing?.role ?? "developer"}>
              <option value="developer">Developer — own keys and usage</option>
              <option value="viewer">Viewer — read-only</option>
              <option value="admin">Admin — everything</option>
            </Select>
          )}
        </Field>
        <Field id="user-tier" label="Tier" error={fieldErrorOf(error, "tier")}>
          {(control) => (
            <Select {...control} name="tier" defaultValue={editing?.tier ?? "free"}>
              <option value="free">Free</option>
              <option value="pro">Pro</option>
              <option value="enterprise">Enterprise</option>
            </Select>
          )}
        </Field>
      </div>
      <Field id="user-team" label="Team" optional error={fieldErrorOf(error, "teamId")}>
        {(control) => (
          <Select {...control} name="teamId" defaultValue={editing?.teamId ?? ""} disabled={teams.isLoading}>
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
        error={fieldErrorOf(error, "password")}
        hint={editing ? "Leave empty to keep the current password." : "At least 8 characters. Without one, the user can only use API keys."}
      >
        {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <ModelChecklist
        name="keyModels"
        legend="Models this user's keys may call"
        defaultChecked={editing?.keyModels}
        error={fieldErrorOf(error, "keyModels")}
        hint="Holds for every key of the user, new ones included; the user cannot widen it. None ticked: every model."
      />
      <Field
        id="user-key-max-days"
        label="Longest key life (days)"
        optional
        error={fieldErrorOf(error, "keyMaxDays")}
        hint="Every key of the user expires at most this many days after it was made; existing keys are brought forward. Empty: no limit."
      >
        {(control) => <Input {...control} name="keyMaxDays" type="number" min={1} max={3650} step={1} defaultValue={editing?.keyMaxDays ?? ""} className="w-32" />}
      </Field>
      {editing && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <Checkbox name="disabled" defaultChecked={editing.disabled} data-testid="user-disabled" />
          Disabled — cannot sign in, and their keys are refused
        </label>
      )}
    </FormDialog>
  );
}
