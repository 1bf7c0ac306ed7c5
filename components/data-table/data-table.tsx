"use client";
// A table driven by a react-query result: skeleton rows while loading, the error with a retry,
// the page's empty state when there are no rows, otherwise the rows. Every list page uses it, so
// the three states look and behave the same everywhere.
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { TBody, TFoot, THead, Table, Td, Th, Tr } from "@/components/ui/table";

export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: "left" | "right";
  className?: string;
  /**
   * "right": from lg widths the column stays pinned to the table's right edge, on the row's own
   * background, while a table wider than the screen scrolls under it (a row's actions stay in view).
   * Not on a phone, where a pinned column would leave little room for the rest.
   */
  pinned?: "right";
  /** totals-row cell; the row appears when any column has one */
  footer?: ReactNode;
}

// The hairline on its left edge shows where the scrolled columns pass under the pinned one.
const PINNED_RIGHT_CELL = "lg:sticky lg:right-0 lg:bg-white lg:shadow-[inset_1px_0_0_var(--color-slate-200)]";
const PINNED_RIGHT_HEADER = "lg:sticky lg:right-0 lg:bg-slate-50 lg:shadow-[inset_1px_0_0_var(--color-slate-200)]";

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  isLoading,
  error,
  onRetry,
  empty,
  testId,
  rowTestId = "table-row",
  label,
}: {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: ReactNode;
  testId: string;
  rowTestId?: string;
  /** accessible name of the table */
  label: string;
}) {
  if (error && !rows) return <ErrorState error={error} onRetry={onRetry} />;
  if (!isLoading && rows && rows.length === 0) return <>{empty}</>;

  return (
    <Table aria-label={label} aria-busy={isLoading || undefined} data-testid={testId}>
      <THead>
        <tr>
          {columns.map((column) => (
            <Th key={column.id} className={cn(column.align === "right" && "text-right", column.pinned && PINNED_RIGHT_HEADER, column.className)}>
              {column.header}
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {!rows
          ? Array.from({ length: 5 }, (_, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <Td key={column.id}>
                    <Skeleton className="h-4 w-full max-w-32" />
                  </Td>
                ))}
              </tr>
            ))
          : rows.map((row) => (
              <Tr key={rowKey(row)} data-testid={rowTestId} data-row-id={rowKey(row)}>
                {columns.map((column) => (
                  <Td key={column.id} className={cn(column.align === "right" && "text-right tabular-nums", column.pinned && PINNED_RIGHT_CELL, column.className)}>
                    {column.cell(row)}
                  </Td>
                ))}
              </Tr>
            ))}
      </TBody>
      {rows && rows.length > 0 && columns.some((column) => column.footer !== undefined) && (
        <TFoot>
          <tr data-testid={`${testId}-totals`}>
            {columns.map((column) => (
              <Td key={column.id} className={cn("font-semibold text-slate-900", column.align === "right" && "text-right tabular-nums")}>
                {column.footer}
              </Td>
            ))}
          </tr>
        </TFoot>
      )}
    </Table>
  );
}
