"use client";
// The billing scope's target (a team, user or key): the shared combobox, its options marked for the tests.
import type { ComponentProps } from "react";
import { Combobox } from "@/components/ui/combobox";

export type { ComboboxOption } from "@/components/ui/combobox";

export function ScopeCombobox(props: Omit<ComponentProps<typeof Combobox>, "optionTestId">) {
  return <Combobox {...props} optionTestId="scope-option" />;
}
