import type { Readable } from "node:stream";
import type { DataCategory } from "../domain/enums";
import type { DisclosureScope } from "../domain/lifecycle/scope";
import { identifierKey } from "../domain/tenant";
import type { CustomerDataSource } from "../ports/customer-data-source";

/** One item collected for a package: where it goes in the package and how to read it. */
export interface CollectedItem {
  accountId: string;
  /** The path inside the package: "<accountId>/<path at the source>", unique across accounts. */
  packagePath: string;
  category: DataCategory;
  source: string;
  date: string;
  customerHeld: boolean;
  open(): Readable;
}

/** Raised when a data source hands back anything outside what it was asked for; nothing is collected then (R6). */
export class ScopeViolationError extends Error {
  override readonly name = "ScopeViolationError";
  readonly code = "OUT_OF_SCOPE_ITEM";
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lists exactly the approved scope (R6): for each approved identifier that maps to an account (key:
 * identifierKey(type, value)), each approved category, items dated within the approved range. The source is
 * only asked for that, and every answer is checked against it again before it is passed on.
 */
export async function* collectScope(
  source: CustomerDataSource,
  scope: DisclosureScope,
  accountsByTarget: ReadonlyMap<string, string>,
): AsyncIterable<CollectedItem> {
  const { from, to } = scope.dateRange;
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || to < from) return;
  const accounts = unique(scope.targets.flatMap((target) => {
    const accountId = accountsByTarget.get(identifierKey(target.type, target.value));
    return accountId === undefined ? [] : [accountId];
  }));
  const categories = unique(scope.categories);
  for (const accountId of accounts) {
    for (const category of categories) {
      for await (const item of source.listItems({ accountId, category, from, to })) {
        if (item.accountId !== accountId || item.category !== category || !ISO_DAY.test(item.date) || item.date < from || item.date > to) {
          throw new ScopeViolationError("the data source returned an item outside the requested account, category or dates; collection stopped");
        }
        yield {
          accountId,
          packagePath: `${accountId}/${item.path}`,
          category,
          source: item.source,
          date: item.date,
          customerHeld: item.customerHeld === true,
          open: () => item.open(),
        };
      }
    }
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
