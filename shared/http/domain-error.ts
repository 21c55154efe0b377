/** Stable error codes; each becomes the problem `type` callers can rely on. */
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

const STATUS: Record<ErrorCode, number> = {
  "validation-failed": 400,
  "unsupported-media-type": 415,
  "payload-too-large": 413,
  "idempotency-key-missing": 400,
  "idempotency-key-reused": 409,
  unauthenticated: 401,
  "requester-suspended": 403,
  "requester-revoked": 403,
  "not-found": 404,
  conflict: 409,
  "invalid-state": 409,
  "reimbursement-not-allowed": 422,
  "precondition-failed": 412,
  "precondition-required": 428,
  internal: 500,
};

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

  /** The HTTP status this error maps to. */
  get status(): number {
    return STATUS[this.code];
  }
}
