/** Stable error codes of the application; the HTTP edge maps each to a status (shared/http/problem-status.ts) and a problem `type`. */
export type ErrorCode =
  | "validation-failed"
  | "unsupported-media-type"
  | "payload-too-large"
  | "idempotency-key-missing"
  | "idempotency-key-reused"
  | "unauthenticated"
  | "requester-suspended"
  | "requester-revoked"
  | "not-found"
  | "conflict"
  | "invalid-state"
  | "reimbursement-not-allowed"
  | "precondition-failed"
  | "precondition-required"
  | "internal";

/** One problem with one field of a request. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error the caller can act on; its message is safe to show (no customer data, no secrets). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}
