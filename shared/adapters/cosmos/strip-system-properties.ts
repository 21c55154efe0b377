/** Removes the properties Cosmos DB adds (_rid, _etag, _ts, …) so a stored item parses against its strict schema. */
export function stripSystemProperties(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !key.startsWith("_")));
}

/** True for a Cosmos DB error with the given HTTP status code. */
export function hasStatus(error: unknown, code: number): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}
