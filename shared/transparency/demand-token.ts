import { createHash } from "node:crypto";

/** The key under which a cell records a demand's in-flight increment: "d" + 32 hex digits of SHA-256(demandId), safe as a property name. */
export function demandToken(demandId: string): string {
  return `d${createHash("sha256").update(demandId, "utf8").digest("hex").slice(0, 32)}`;
}
