/** Stable codes of package failures; the CLI and callers branch on these. */
export type PackageErrorCode =
  | "NOT_A_PACKAGE"
  | "UNSUPPORTED_VERSION"
  | "HEADER_INVALID"
  | "HEADER_SIGNATURE_INVALID"
  | "KEY_UNWRAP_FAILED"
  | "WRAPPED_KEY_FILE_INVALID"
  | "SEGMENT_AUTH_FAILED"
  | "TRUNCATED"
  | "TRAILING_DATA"
  | "PAYLOAD_MALFORMED"
  | "UNSAFE_ITEM_PATH"
  | "MANIFEST_INVALID"
  | "MANIFEST_MISMATCH"
  | "ITEM_SIZE_MISMATCH"
  | "ITEM_HASH_MISMATCH"
  | "MANIFEST_SIGNATURE_INVALID"
  | "SEAL_INPUT_INVALID";

/** A package that fails a check; the message says exactly which check and where, never any content. */
export class PackageError extends Error {
  override readonly name = "PackageError";

  constructor(
    readonly code: PackageErrorCode,
    message: string,
  ) {
    super(message);
  }
}
