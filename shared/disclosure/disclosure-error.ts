import type { CollectionErrorCode } from "../collection/collection-error";

/** Stable codes of a failed disclosure; the lifecycle and operators branch on these, never on the rest of the message. */
export type DisclosureErrorCode =
  | "CUSTOMER_KEY_REVOKED"
  | "KEY_UNAVAILABLE"
  | "TENANT_UNKNOWN"
  | "REQUESTER_UNKNOWN"
  | "OUT_OF_SCOPE_ITEM"
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
  "OUT_OF_SCOPE_ITEM",
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

/** The disclosure code at the start of an error message (as an orchestration sees a failed activity), if any. */
export function disclosureCodeOf(message: string): DisclosureErrorCode | undefined {
  const head = /^(?:DisclosureError: )?([A-Z_]+): /.exec(message)?.[1];
  return DISCLOSURE_ERROR_CODES.find((code) => code === head);
}
