"use client";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { formErrorOf } from "@/lib/query/api-error";
import { queryKeys } from "@/lib/query/query-keys";
import { createTeam, updateTeam } from "@/lib/query/teams";
import type { Team } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { createTeamSchema } from "@/lib/teams/schemas";

const FIELDS = ["name"] as const;

export function TeamFormDialog({ team, onClose }: { team: Team | "new" | null; onClose: () => void }) {
  // Remounted per opening, so the field starts from the team being renamed.
  return team && <TeamForm key={team === "new" ? "new" : team.id} editing={team === "new" ? null : team} onClose={onClose} />;
}

function TeamForm({ editing, onClose }: { editing: Team | null; onClose: () => void }) {
  const toast = useToast();
  const form = useZodForm(createTeamSchema, { defaultValues: { name: editing?.name ?? "" } });
  const save = useInvalidatingMutation(
    ({ name }: { name: string }) => (editing ? updateTeam(editing.id, { name }) : createTeam({ name })),
    // Users show their team's name.
    [queryKeys.teams.all, queryKeys.users.all],
    (saved) => {
      onClose();
      toast(editing ? `Team renamed to “${saved.name}”` : `Team “${saved.name}” created`);
    },
  );
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, FIELDS) }));

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? "Rename team" : "New team"}
      submitLabel={editing ? "Save" : "Create team"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="team-form"
      size="sm"
    >
      <Field id="team-name" label="Name" error={errorOf(form, "name")}>
        {(control) => <Input {...control} {...form.register("name")} autoComplete="off" autoFocus />}
      </Field>
    </FormDialog>
  );
}
