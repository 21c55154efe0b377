import type { Readable } from "node:stream";
import type { DataCategory } from "../domain/enums";
import type { DisclosureScope } from "../domain/lifecycle/scope";
import { ShortText } from "../domain/primitives";
import { identifierKey } from "../domain/tenant";
import type { CustomerDataSource } from "../ports/customer-data-source";
import { AccountSegmentError, isIsoDay } from "./data-layout";
import { CollectionError } from "./collection-error";
import { asCollectionError, guardItemStream } from "./guarded-item-stream";
import { prefetchItems } from "./prefetch-items";

/** One item collected for a package: where it goes in the package and how to read it. */
export interface CollectedItem {
  accountId: string;
  /** The path inside the package: "<the account's folder>/<path at the source>", unique across accounts (docs/customer-data.md). */
  packagePath: string;
  category: DataCategory;
  source: string;
  date: string;
  customerHeld: boolean;
  open(): Readable;
}

/** How collection reads items. */
export interface CollectOptions {
  /** Items whose bytes are requested ahead of the one being sealed. */
  prefetch?: number;
  /** Longest wait for an item's next bytes before the disclosure fails with SOURCE_TIMEOUT. */
  stallMs?: number;
}

/** The defaults: eight requests in flight, two minutes of silence at most. */
export const DEFAULT_COLLECT_OPTIONS: Required<CollectOptions> = { prefetch: 8, stallMs: 120_000 };

/** Raised when a data source hands back anything outside what it was asked for; nothing is collected then (R6). */
export class ScopeViolationError extends Error {
  override readonly name = "ScopeViolationError";
  readonly code = "OUT_OF_SCOPE_ITEM";
}

/**
 * Lists exactly the approved scope (R6): for each approved identifier that maps to an account (key:
 * identifierKey(type, value)), each approved category, items dated within the approved range, each under its
 * account's folder in the package (packageFolders: the demand's identifier, never the account id). The source is
 * only asked for that, and every answer is checked against it again before it is passed on. Every item's bytes
 * are read under a stall limit and checked against the listed size; any failure of the source is a
 * CollectionError, so a disclosure never seals part of what was listed.
 */
export function collectScope(
  source: CustomerDataSource,
  scope: DisclosureScope,
  accountsByTarget: ReadonlyMap<string, string>,
  folders: ReadonlyMap<string, string>,
  options: CollectOptions = {},
): AsyncIterable<CollectedItem> {
  const { prefetch, stallMs } = { ...DEFAULT_COLLECT_OPTIONS, ...options };
  return prefetchItems(listScope(source, scope, accountsByTarget, folders, stallMs), prefetch);
}

async function* listScope(
  source: CustomerDataSource,
  scope: DisclosureScope,
  accountsByTarget: ReadonlyMap<string, string>,
  folders: ReadonlyMap<string, string>,
  stallMs: number,
): AsyncGenerator<CollectedItem> {
  const { from, to } = scope.dateRange;
  if (!isIsoDay(from) || !isIsoDay(to) || to < from) return;
  const accounts = unique(scope.targets.flatMap((target) => {
    const accountId = accountsByTarget.get(identifierKey(target.type, target.value));
    return accountId === undefined ? [] : [accountId];
  }));
  const categories = unique(scope.categories);
  for (const accountId of accounts) {
    const folder = folders.get(accountId);
    if (folder === undefined) throw new Error("an account of the scope has no folder in the package: its identifier is not one of the demand's");
    for (const category of categories) {
      try {
        for await (const item of source.listItems({ accountId, category, from, to })) {
          if (item.accountId !== accountId || item.category !== category || !isIsoDay(item.date) || item.date < from || item.date > to) {
            throw new ScopeViolationError("the data source returned an item outside the requested account, category or dates; collection stopped");
          }
          // Checked here, not once the package is sealed: the format's manifest refuses it (ShortText), and only after all was read.
          if (!ShortText.safeParse(item.source).success) throw new CollectionError("SOURCE_PROTOCOL", "the data source named an item's source system blank or longer than 200 characters");
          yield {
            accountId,
            packagePath: `${folder}/${item.path}`,
            category,
            source: item.source,
            date: item.date,
            customerHeld: item.customerHeld === true,
            open: () => guardItemStream(item.open(), { stallMs, expectedSize: item.size }),
          };
        }
      } catch (error) {
        if (error instanceof ScopeViolationError) throw error;
        // The blob and folder sources cannot write an account id that is empty or too long in their layout.
        if (error instanceof AccountSegmentError) throw new CollectionError("SOURCE_PROTOCOL", error.message);
        throw asCollectionError(error);
      }
    }
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
