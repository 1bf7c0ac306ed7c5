import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";

/** A titled card of fixed height around one chart, so a row of charts lines up. */
export function ChartFrame({ title, description, actions, testId, children }: { title: string; description?: string; actions?: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardHeader title={title} description={description} actions={actions} />
      <div className="h-64 px-2 pt-3 pb-2">{children}</div>
    </Card>
  );
}
