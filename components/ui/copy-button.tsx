"use client";
// Copies text and says so for a moment. Falls back to execCommand where the Clipboard API is not
// available (plain-http deployments are not a "secure context").
import { useState } from "react";
import { Button } from "./button";

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied: try the legacy path below.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied;
}

/** `label` is the accessible name ("Copy key"); the visible text stays a short "Copy". */
export function CopyButton({ text, label = "Copy", testId, size = "sm", className }: { text: string; label?: string; testId?: string; size?: "sm" | "md"; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      size={size}
      variant="secondary"
      className={className}
      aria-label={`${label}${state === "copied" ? " (copied)" : ""}`}
      data-testid={testId}
      onClick={async () => {
        setState((await copyText(text)) ? "copied" : "failed");
        setTimeout(() => setState("idle"), 1500);
      }}
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}</span>
    </Button>
  );
}
