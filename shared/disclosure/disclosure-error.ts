/** Stable codes of a failed disclosure; the lifecycle and operators branch on these, never on messages. */
export type DisclosureErrorCode = "CUSTOMER_KEY_REVOKED" | "KEY_UNAVAILABLE" | "TENANT_UNKNOWN" | "REQUESTER_UNKNOWN" | "OUT_OF_SCOPE_ITEM" | "STORAGE_INCONSISTENT";

/** A disclosure that stopped with nothing delivered; the message names ids and codes only, never data or secrets. */
export class DisclosureError extends Error {
  override readonly name = "DisclosureError";

  constructor(
    readonly code: DisclosureErrorCode,
    message: string,
  ) {
    super(message);
  }
}
