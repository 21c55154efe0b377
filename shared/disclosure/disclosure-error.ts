import type { CollectionErrorCode } from "../collection/collection-error";

/** Stable codes of a failed disclosure; the lifecycle and operators branch on these, never on the rest of the message. */
export type DisclosureErrorCode =
  | "CUSTOMER_KEY_REVOKED"
  | "KEY_UNAVAILABLE"
  | "TENANT_UNKNOWN"
  | "REQUESTER_UNKNOWN"
  /** The requester's vetting was revoked after its demand was approved: nothing is released to it (R1). */
  | "REQUESTER_REVOKED"
  | "OUT_OF_SCOPE_ITEM"
  /** An approved identifier now reaches another account or customer than at intake: a human has to look (R4–R6). */
  | "DIRECTORY_CHANGED"
  | "STORAGE_INCONSISTENT"
  /** Anything else (package store, directory, an unexpected error); the cause is kept on the error, not in the message. */
  | "DISCLOSURE_FAILED"
  | CollectionErrorCode;

/** Every disclosure code, for checks that a message carries one. */
export const DISCLOSURE_ERROR_CODES: readonly DisclosureErrorCode[] = [
  "CUSTOMER_KEY_REVOKED",
  "KEY_UNAVAILABLE",
  "TENANT_UNKNOWN",
  "REQUESTER_UNKNOWN",
  "REQUESTER_REVOKED",
  "OUT_OF_SCOPE_ITEM",
  "DIRECTORY_CHANGED",
  "STORAGE_INCONSISTENT",
  "DISCLOSURE_FAILED",
  "SOURCE_UNAVAILABLE",
  "SOURCE_TIMEOUT",
  "SOURCE_REFUSED",
  "SOURCE_PROTOCOL",
  "ITEM_MISSING",
  "ITEM_CHANGED",
];

/**
 * A disclosure that stopped with nothing delivered. The message starts with the code ("SOURCE_TIMEOUT: …") because
 * a durable activity's failure reaches the orchestration as its message only; the rest names ids and codes,
 * never data or secrets.
 */
export class DisclosureError extends Error {
  override readonly name = "DisclosureError";

  constructor(
    readonly code: DisclosureErrorCode,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail.startsWith(`${code}: `) ? detail : `${code}: ${detail}`, options);
  }
}

/**
 * The disclosure code in an error message as an orchestration sees a failed activity (the host may put its own
 * words before the message, e.g. "Activity function 'disclose' failed: SOURCE_TIMEOUT: …"), if any.
 */
export function disclosureCodeOf(message: string): DisclosureErrorCode | undefined {
  for (const match of message.matchAll(/\b([A-Z][A-Z_]+): /g)) {
    const code = DISCLOSURE_ERROR_CODES.find((known) => known === match[1]);
    if (code !== undefined) return code;
  }
  return undefined;
}
