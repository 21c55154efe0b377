import type { DataCategory } from "../domain/enums";

/**
 * The layout shared by the blob and folder sources (docs/customer-data.md):
 * `<account segment>/<category>/<YYYY-MM-DD>/<item name>`, where the item name may itself contain "/".
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEPT = /^[A-Za-z0-9_.-]$/;
/** File systems allow 255 bytes per name; blob names 1024 characters in all. */
const MAX_SEGMENT = 255;

/** Raised when an account id cannot be written in the layout (empty, or too long once encoded). */
export class AccountSegmentError extends Error {
  override readonly name = "AccountSegmentError";
}

/**
 * The folder/prefix name of an account: its UTF-8 bytes, each kept when it is a letter, digit, "_", "-" or a
 * "." that is not the first character, otherwise written as %XX (upper-case hex). Reversible with
 * decodeURIComponent; "#", "/", "%", spaces and non-ASCII never reach the path as themselves, and no name is
 * "." or "..". Hand-written because encodeURIComponent keeps "!'()*~" and a leading ".".
 */
export function encodeAccountSegment(accountId: string): string {
  if (accountId.length === 0) throw new AccountSegmentError("an account id must not be empty");
  let out = "";
  let first = true;
  for (const char of accountId) {
    if (KEPT.test(char) && !(first && char === ".")) out += char;
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    first = false;
  }
  if (out.length > MAX_SEGMENT) throw new AccountSegmentError(`an account id is too long for the data layout (${out.length} > ${MAX_SEGMENT} characters once encoded)`);
  return out;
}

/** True for a well-formed day (YYYY-MM-DD) that exists on the calendar. */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The prefix holding an account's items of one category ("<account>/<category>/"). */
export function categoryPrefix(accountId: string, category: DataCategory): string {
  return `${encodeAccountSegment(accountId)}/${category}/`;
}

/** The prefix of one day of an account's category ("<account>/<category>/<day>/"). */
export function dayPrefix(accountId: string, category: DataCategory, day: string): string {
  return `${categoryPrefix(accountId, category)}${day}/`;
}

/** The full name of one item in the layout. */
export function itemName(accountId: string, category: DataCategory, day: string, item: string): string {
  return `${dayPrefix(accountId, category, day)}${item}`;
}

/** The item's path as a source reports it (relative to the account): "<category>/<day>/<item name>". */
export function itemPath(category: DataCategory, day: string, item: string): string {
  return `${category}/${day}/${item}`;
}

/** The days of a sorted list that fall in an inclusive range. */
export function daysInRange(days: Iterable<string>, from: string, to: string): string[] {
  return [...days].filter((day) => isIsoDay(day) && day >= from && day <= to).sort();
}

/** Metadata names on a blob (and keys of a folder item's sidecar) for the item's source system and R7 flag. */
export const ITEM_METADATA = { source: "sourcesystem", customerHeld: "customerheld" } as const;

/** The source system recorded when an item names none. */
export const DEFAULT_SOURCE = "unspecified";
