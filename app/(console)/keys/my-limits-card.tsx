"use client";
// "My limits" on the keys page: every quota and rate limit the signed-in user's calls count
// against (their own, their tier's, their team's, the organization's), with resets. The console's
// near-limit banner links here.
import { MyLimitsPanel } from "@/components/limits/limits-panel";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

export function MyLimitsCard() {
  return (
    <Card className="mt-6" id="my-limits" data-testid="my-limits">
      <CardHeader title="My limits" description="What your calls count against, through any of your keys or the playground." />
      <CardBody>
        <MyLimitsPanel />
      </CardBody>
    </Card>
  );
}
