// The chain is not in a state that may be extended: its checkpoint is missing, unsigned (a log from
// before the chain was keyed), signed with another secret or altered, or it does not describe the
// newest row. Appending would sign whatever happened to the table, so appends are refused until an
// admin looks (verify) and re-seals the log (docs/audit-log.md).
export type AuditChainProblem = "checkpoint_missing" | "chain_unsealed" | "key_mismatch" | "checkpoint_invalid" | "checkpoint_mismatch";

export class AuditChainError extends Error {
  constructor(
    readonly problem: AuditChainProblem,
    message: string,
  ) {
    super(message);
    this.name = "AuditChainError";
  }
}
