// The schema says a blank target "is required"; the form names what to pick instead ("Choose a user").
export function targetError(message: string | undefined, value: string | undefined, scopeLabel: string): string | undefined {
  return message && !value ? `Choose a ${scopeLabel.toLowerCase()}` : message;
}
