// A name that may be long (a team's is up to 100 characters) on one line, cut with an ellipsis at a
// width that suits a phone and wider at `sm`; the whole text in its tooltip. In a table cell a long
// name would otherwise wrap word by word into a tall, narrow column.
import { cn } from "./cn";

export function TruncatedText({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <span title={text} className={cn("block max-w-[11rem] truncate sm:max-w-[22rem]", className)} data-testid={testId}>
      {text}
    </span>
  );
}
