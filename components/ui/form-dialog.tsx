"use client";
// A create/edit form in a modal. The submit button sits in the dialog footer and reaches the form
// through the `form` attribute; errors not tied to a field show above the fields. The form itself
// is react-hook-form (use-zod-form.ts): `onSubmit` is its handleSubmit(…).
import { useId, type FormEvent, type ReactNode } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { InlineAlert } from "./inline-alert";

export function FormDialog({
  open = true,
  onClose,
  title,
  description,
  submitLabel,
  pending,
  formError,
  onSubmit,
  testId,
  size,
  submitDisabled,
  children,
}: {
  open?: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  pending: boolean;
  formError?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** the dialog gets this id; its submit button `${testId}-submit` */
  testId: string;
  size?: "sm" | "md" | "lg";
  submitDisabled?: boolean;
  children: ReactNode;
}) {
  const formId = useId();
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
          <Button type="submit" form={formId} variant="primary" pending={pending} disabled={submitDisabled} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
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

/** For register(): an empty number field is "not set" (null), anything else a number (NaN is reported). */
export const nullableNumber = { setValueAs: (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value)) };
/** For register(): an empty number field is left out (undefined). */
export const optionalNumber = { setValueAs: (value: unknown) => (value === "" || value === null || value === undefined ? undefined : Number(value)) };
/** For register(): an empty text field is left out (undefined). */
export const optionalText = { setValueAs: (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value) };
/** For register(): an empty text field is null (e.g. "no team"). */
export const nullableText = { setValueAs: (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value) };
