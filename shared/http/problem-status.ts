import type { ErrorCode } from "../errors/domain-error";

/** The HTTP status each application error code is answered with. */
const PROBLEM_STATUS: Readonly<Record<ErrorCode, number>> = {
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

/** The HTTP status for an application error code. */
export function problemStatus(code: ErrorCode): number {
  return PROBLEM_STATUS[code];
}
