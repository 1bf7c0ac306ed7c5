"use client";
import { Field } from "@/components/ui/field";
import { FormDialog, formText } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { queryKeys } from "@/lib/query/query-keys";
import { createTeam, updateTeam } from "@/lib/query/teams";
import type { Team } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { createTeamSchema } from "@/lib/teams/schemas";

export function TeamFormDialog({ team, onClose }: { team: Team | "new" | null; onClose: () => void }) {
  const editing = team !== null && team !== "new" ? team : null;
  const toast = useToast();
  const save = useInvalidatingMutation(
    ({ id, name }: { id: string | null; name: string }) => {
      assertValid(createTeamSchema, { name });
      return id ? updateTeam(id, { name }) : createTeam({ name });
    },
    // Users show their team's name.
    [queryKeys.teams.all, queryKeys.users.all],
    (saved, { id }) => {
      onClose();
      toast(id ? `Team renamed to “${saved.name}”` : `Team “${saved.name}” created`);
    },
  );

  return (
    <FormDialog
      open={team !== null}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? "Rename team" : "New team"}
      submitLabel={editing ? "Save" : "Create team"}
      pending={save.isPending}
      formError={formErrorOf(save.error, ["name"])}
      onSubmit={(form) => save.mutate({ id: editing?.id ?? null, name: formText(form, "name") ?? "" })}
      testId="team-form"
      size="sm"
    >
      <Field id="team-name" label="Name" error={fieldErrorOf(save.error, "name")}>
        {(control) => <Input {...control} name="name" defaultValue={editing?.name} autoComplete="off" required autoFocus />}
      </Field>
    </FormDialog>
  );
}
