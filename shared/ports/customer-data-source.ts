import type { Readable } from "node:stream";
import type { DataCategory } from "../domain/enums";

/** One stored item of a customer's data as a source lists it: its metadata and a way to stream its bytes. */
export interface CustomerDataItem {
  accountId: string;
  /** Path within the account's data, relative and "/"-separated (package format §7), e.g. "mail/2026-02-03-1.eml". */
  path: string;
  category: DataCategory;
  /** The system the item comes from ("exchange", "onedrive", "signin-logs", …). */
  source: string;
  /** The day in UTC the item belongs to (YYYY-MM-DD): the UTC date of when it was sent, created, billed or signed in. */
  date: string;
  size?: number;
  /** True when the provider only holds this item encrypted under a key the customer holds (R7). */
  customerHeld?: boolean;
  /** A fresh stream of the item's bytes (each call starts again). */
  open(): Readable;
}

/** What to list: one account, one category, an inclusive range of UTC days (YYYY-MM-DD). */
export interface CustomerDataQuery {
  accountId: string;
  category: DataCategory;
  from: string;
  to: string;
}

/** Where customer data is read for a disclosure; it is only ever asked for the approved scope (R6). */
export interface CustomerDataSource {
  /** The account's items of one category dated within the range, in a stable order. */
  listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem>;
}
