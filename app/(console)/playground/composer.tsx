"use client";
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";

interface ComposerProps {
  onSend: (text: string) => void;
  onStop: () => void;
  streaming: boolean;
  disabled: boolean;
  /** why sending is off, shown in the empty input (default: no model picked yet) */
  disabledHint?: string;
  /** told of every change of the message being typed (the live token count reads it) */
  onDraftChange?: (text: string) => void;
  /** a line under the input (the live token count) */
  footer?: ReactNode;
}

/** Enter sends, Shift+Enter adds a line; while an answer streams the send button becomes Stop. */
export function Composer({ onSend, onStop, streaming, disabled, disabledHint, onDraftChange, footer }: ComposerProps) {
  const [text, setDraft] = useState("");
  const canSend = !streaming && !disabled && text.trim() !== "";
  const setText = (next: string) => {
    setDraft(next);
    onDraftChange?.(next);
  };

  const send = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="border-t border-slate-200 bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="flex items-end gap-2">
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <Textarea
          id="chat-input"
          data-testid="chat-input"
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={disabled ? (disabledHint ?? "Pick a model to start") : "Send a message (Enter to send, Shift+Enter for a new line)"}
          className="max-h-48 min-h-[2.75rem] resize-y"
          disabled={disabled}
        />
        {streaming ? (
          // Distinct keys: reusing one <button> for both would let a click aimed at Stop land on Send.
          <Button key="stop" variant="danger" onClick={onStop} data-testid="stop-button">
            Stop
          </Button>
        ) : (
          <Button key="send" type="submit" variant="primary" disabled={!canSend} data-testid="send-button">
            Send
          </Button>
        )}
      </div>
      {footer && <div className="mt-1.5 min-h-4">{footer}</div>}
    </form>
  );
}
