"use client";
// The channels of a rule: webhook (URL + optional signing secret), Slack (incoming-webhook URL) or
// e-mail. Each row shows the form's error for its own fields ("channels.1.url").
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { CHANNEL_TYPES, type ChannelType } from "@/lib/alerts/alert-kinds";
import { changeChannelType, emptyChannel, type ChannelDraft } from "./channel-drafts";

const TYPE_LABELS: Record<ChannelType, string> = { webhook: "Webhook", slack: "Slack", email: "E-mail" };
const MAX_CHANNELS = 10;

type ErrorOf = (path: string) => string | undefined;

export function ChannelListEditor({ channels, onChange, errorOf }: { channels: ChannelDraft[]; onChange: (channels: ChannelDraft[]) => void; errorOf: ErrorOf }) {
  const update = (index: number, draft: ChannelDraft) => onChange(channels.map((c, i) => (i === index ? draft : c)));
  // A problem of the list itself ("Add at least one channel"); a row's own show in the row.
  const listError = errorOf("channels");
  return (
    <fieldset className="space-y-3" data-testid="channel-list">
      <legend className="text-sm font-medium text-slate-700">Channels</legend>
      {channels.map((draft, index) => (
        <ChannelRow
          key={draft.key}
          index={index}
          draft={draft}
          errorOf={errorOf}
          onChange={(next) => update(index, next)}
          onRemove={channels.length > 1 ? () => onChange(channels.filter((_, i) => i !== index)) : undefined}
        />
      ))}
      {listError && <p className="text-xs text-red-600">{listError}</p>}
      {channels.length < MAX_CHANNELS && (
        <Button size="sm" onClick={() => onChange([...channels, emptyChannel()])} data-testid="add-channel">
          Add channel
        </Button>
      )}
    </fieldset>
  );
}

function ChannelRow({
  index,
  draft,
  errorOf,
  onChange,
  onRemove,
}: {
  index: number;
  draft: ChannelDraft;
  errorOf: ErrorOf;
  onChange: (draft: ChannelDraft) => void;
  onRemove?: () => void;
}) {
  const id = `channel-${index}`;
  const fieldError = (field: string) => errorOf(`channels.${index}.${field}`);
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50/60 p-3" data-testid="channel-row">
      <div className="flex items-start gap-2">
        <Field id={`${id}-type`} label="Type" className="w-32 shrink-0">
          {(control) => (
            <Select {...control} value={draft.type} onChange={(event) => onChange(changeChannelType(draft, event.target.value as ChannelType))} data-testid="channel-type">
              {CHANNEL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="min-w-0 flex-1 space-y-2">
          {draft.type === "email" ? (
            <Field id={`${id}-to`} label="Send to" error={fieldError("to")}>
              {(control) => <Input {...control} type="email" value={draft.to} placeholder="oncall@example.com" onChange={(event) => onChange({ ...draft, to: event.target.value })} data-testid="channel-to" />}
            </Field>
          ) : (
            <Field
              id={`${id}-url`}
              label={draft.type === "slack" ? "Incoming-webhook URL" : "URL"}
              error={fieldError("url")}
              hint={draft.type === "slack" && draft.hasStoredCredential ? "Stored encrypted. Leave empty to keep it, or paste a new URL." : undefined}
            >
              {(control) => (
                <Input
                  {...control}
                  type="url"
                  value={draft.url}
                  autoComplete="off"
                  placeholder={draft.type === "slack" ? (draft.hasStoredCredential ? "https://hooks.slack.com/… (stored)" : "https://hooks.slack.com/services/…") : "https://example.com/tollgate-alerts"}
                  onChange={(event) => onChange({ ...draft, url: event.target.value })}
                  data-testid="channel-url"
                />
              )}
            </Field>
          )}
          {draft.type === "webhook" && <WebhookSecret id={id} draft={draft} error={fieldError("secret")} onChange={onChange} />}
        </div>
        {onRemove && (
          <Button size="sm" variant="ghost" className="mt-6 text-red-600 hover:text-red-700" onClick={onRemove} aria-label={`Remove channel ${index + 1}`} data-testid="remove-channel">
            Remove
          </Button>
        )}
      </div>
    </div>
  );
}

function WebhookSecret({ id, draft, error, onChange }: { id: string; draft: ChannelDraft; error?: string; onChange: (draft: ChannelDraft) => void }) {
  return (
    <div className="space-y-1.5">
      <Field
        id={`${id}-secret`}
        label="Signing secret"
        optional
        error={error}
        hint={draft.hasStoredCredential ? "A secret is stored. Leave empty to keep it." : "Requests are signed with HMAC-SHA256 (x-tollgate-signature) when set."}
      >
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="new-password"
            value={draft.secret}
            disabled={draft.removeSecret}
            onChange={(event) => onChange({ ...draft, secret: event.target.value })}
            data-testid="channel-secret"
          />
        )}
      </Field>
      {draft.hasStoredCredential && (
        <label className="flex items-center gap-2 text-xs text-slate-600">
          <Checkbox checked={draft.removeSecret} onChange={(event) => onChange({ ...draft, removeSecret: event.target.checked, secret: "" })} />
          Remove the stored secret (requests go unsigned)
        </label>
      )}
    </div>
  );
}
