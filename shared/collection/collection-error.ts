/** Stable codes of a data source that failed during collection; each becomes the disclosure's code. */
export type CollectionErrorCode =
  /** The source could not be reached or answered with a server error (5xx, connection reset). */
  | "SOURCE_UNAVAILABLE"
  /** The source did not answer, or an item's bytes stopped coming, within the time allowed. */
  | "SOURCE_TIMEOUT"
  /** The source refused the app's credentials (401/403): a configuration problem, not a missing item. */
  | "SOURCE_REFUSED"
  /** The source answered something the contract does not allow (bad JSON, wrong fields). */
  | "SOURCE_PROTOCOL"
  /** An item that was listed could no longer be read. */
  | "ITEM_MISSING"
  /** An item changed between listing and reading (size or version). */
  | "ITEM_CHANGED";

/** A data source failed mid-collection; the message names codes and statuses only, never item names or data. */
export class CollectionError extends Error {
  override readonly name = "CollectionError";

  constructor(
    readonly code: CollectionErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The collection code for an HTTP status from a source, or undefined for a success. */
export function codeForStatus(status: number): CollectionErrorCode | undefined {
  if (status < 400) return undefined;
  if (status === 401 || status === 403) return "SOURCE_REFUSED";
  if (status === 404 || status === 410) return "ITEM_MISSING";
  if (status === 408 || status === 504) return "SOURCE_TIMEOUT";
  if (status === 409 || status === 412) return "ITEM_CHANGED";
  if (status === 429 || status >= 500) return "SOURCE_UNAVAILABLE";
  return "SOURCE_PROTOCOL";
}
