"use client";
// The provider choice of the attach dialogs (one model, or several at once): the providers as a
// select registered with the dialog's form, or a pointer to the Providers page when there are none.
import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";

interface ProviderList {
  data: readonly { id: string; name: string }[];
}

export function ProviderPicker({ id, providers, registration, error, testId }: {
  id: string;
  providers: UseQueryResult<ProviderList>;
  registration: UseFormRegisterReturn;
  error?: string;
  testId?: string;
}) {
  if (providers.data?.data.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        There are no providers yet.{" "}
        <Link href="/providers" className="font-medium text-indigo-600 hover:text-indigo-500">
          Add one first
        </Link>
        .
      </p>
    );
  }
  return (
    <Field id={id} label="Provider" error={error}>
      {(control) => (
        // Remounted once the providers are there, so the list is filled before react-hook-form reads it.
        <Select key={providers.isSuccess ? "loaded" : "loading"} {...control} {...registration} disabled={providers.isLoading} data-testid={testId}>
          <option value="">{providers.isLoading ? "Loading…" : "Choose a provider"}</option>
          {providers.data?.data.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
