"use client";
// A create/edit form in a modal. The submit button sits in the dialog footer and reaches the form
// through the `form` attribute; errors not tied to a field show above the fields.
import { useId, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { InlineAlert } from "./inline-alert";

export function FormDialog({
  open,
  onClose,
  title,
  description,
  submitLabel,
  pending,
  formError,
  onSubmit,
  testId,
  size,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  pending: boolean;
  formError?: string;
  onSubmit: (form: FormData) => void;
  /** the dialog gets this id; its submit button `${testId}-submit` */
  testId: string;
  size?: "sm" | "md" | "lg";
  children: ReactNode;
}) {
  const formId = useId();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  };
  return (
    <Dialog
      open={open}
      // Closing mid-request would hide the outcome; wait for the answer.
      onClose={() => !pending && onClose()}
      title={title}
      description={description}
      size={size}
      testId={testId}
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" pending={pending} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={handleSubmit} className="space-y-4" noValidate>
        {formError && (
          <InlineAlert tone="error" testId="form-error">
            {formError}
          </InlineAlert>
        )}
        {children}
      </form>
    </Dialog>
  );
}

/** A trimmed text field, or undefined when left empty (so optional fields are simply omitted). */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A number field; undefined when empty, NaN kept so the API reports it as invalid. */
export function formNumber(form: FormData, name: string): number | undefined {
  const text = formText(form, name);
  return text === undefined ? undefined : Number(text);
}
