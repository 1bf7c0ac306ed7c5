import { InlineAlert } from "@/components/ui/inline-alert";
import { errorMessage } from "@/lib/query/api-error";

/** What stands between the user and the thread: a read-only role, a conversation opening or gone, a turn not saved. */
export function ThreadNotices({ canCall, opening, saveError }: { canCall: boolean; opening: { loading: boolean; error: unknown }; saveError: string | null }) {
  if (!canCall && !opening.error && !saveError && !opening.loading) {
    return (
      <InlineAlert tone="info" className="mx-3 mb-2" testId="viewer-notice">
        Viewers can read saved conversations but not call models: every call costs money.
      </InlineAlert>
    );
  }
  return (
    <>
      {opening.loading && <p className="px-4 pb-2 text-sm text-slate-500">Opening the conversation…</p>}
      {opening.error ? <InlineAlert tone="error" className="mx-3 mb-2">Could not open the conversation: {errorMessage(opening.error)}</InlineAlert> : null}
      {saveError && <InlineAlert tone="warning" className="mx-3 mb-2" testId="save-error">{saveError}</InlineAlert>}
      {!canCall && <InlineAlert tone="info" className="mx-3 mb-2" testId="viewer-notice">Viewers can read saved conversations but not call models.</InlineAlert>}
    </>
  );
}
