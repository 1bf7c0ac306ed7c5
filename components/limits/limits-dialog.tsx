"use client";
// The limits of one key, user or team in a dialog, opened from a row of the keys, users or teams
// list; for a key or team also whether its bodies are captured (and, for admins, the switch).
import { CaptureControl } from "@/components/capture/capture-control";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TruncatedText } from "@/components/ui/truncated-text";
import { LimitsPanel } from "./limits-panel";

export interface LimitsTarget {
  scope: "key" | "user" | "team";
  id: string;
  name: string;
}

/** `canManage`: admins also turn body capture on or off here (keys and teams). */
export function LimitsDialog({ target, onClose, canManage = false }: { target: LimitsTarget | null; onClose: () => void; canManage?: boolean }) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="lg"
      testId="limits-dialog"
      title={<TruncatedText text={target ? `Limits of ${target.name}` : "Limits"} className="max-w-full sm:max-w-full" testId="limits-dialog-title" />}
      description="Every quota and rate limit its calls count against, explicit or from the tier, with what is used and when it resets."
      footer={
        <Button onClick={onClose} size="sm">
          Close
        </Button>
      }
    >
      {target && <LimitsPanel scope={target.scope} id={target.id} />}
      {target && target.scope !== "user" && <CaptureControl scope={target.scope} scopeId={target.id} canManage={canManage} />}
    </Dialog>
  );
}
