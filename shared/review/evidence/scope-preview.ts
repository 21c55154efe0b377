import type { Target } from "../../domain/demand";
import type { DataCategory } from "../../domain/enums";
import { identifierKey } from "../../domain/tenant";
import type { CustomerDataSource } from "../../ports/customer-data-source";
import type { CustomerDirectory } from "../../ports/customer-directory";

/** What would leave for one account and category: items and bytes the data source lists, and how many are customer-held. */
export interface PreviewRow {
  accountId: string;
  /** The identifier values of the demand that map to this account. */
  identifiers: string[];
  category: DataCategory;
  items: number;
  bytes: number;
  /** Items whose size the source does not list. */
  unsizedItems: number;
  /** Items the provider cannot decrypt (R7): they leave as the customer's ciphertext. */
  customerHeld: number;
}

/** The preview of a scope: rows per account and category, and the range listed. */
export interface ScopePreview {
  range: { from: string; to: string };
  rows: PreviewRow[];
  totals: { items: number; bytes: number; customerHeld: number };
}

/**
 * What an approval of this scope would release, by listing only (nothing is opened or collected): the same
 * selection collection makes (shared/collection/collect-scope.ts) — each kept identifier the directory maps to an
 * account, each kept category, items dated within the range.
 */
export async function previewScope(
  deps: { directory: CustomerDirectory; dataSource: CustomerDataSource },
  scope: { targets: readonly Target[]; categories: readonly DataCategory[]; dateRange: { from: string; to: string } },
): Promise<ScopePreview> {
  const { from, to } = scope.dateRange;
  const mappings = scope.targets.length === 0 ? [] : await deps.directory.findAccounts(scope.targets);
  const identifiersByAccount = new Map<string, string[]>();
  const seen = new Set<string>();
  mappings.forEach((mapping, index) => {
    const target = scope.targets[index];
    if (mapping === null || target === undefined) return;
    const key = identifierKey(target.type, target.value);
    if (seen.has(key)) return;
    seen.add(key);
    identifiersByAccount.set(mapping.accountId, [...(identifiersByAccount.get(mapping.accountId) ?? []), target.value]);
  });
  const rows: PreviewRow[] = [];
  if (to >= from) {
    for (const [accountId, identifiers] of identifiersByAccount) {
      for (const category of new Set(scope.categories)) {
        const row: PreviewRow = { accountId, identifiers, category, items: 0, bytes: 0, unsizedItems: 0, customerHeld: 0 };
        for await (const item of deps.dataSource.listItems({ accountId, category, from, to })) {
          if (item.accountId !== accountId || item.category !== category || item.date < from || item.date > to) continue;
          row.items += 1;
          if (item.size === undefined) row.unsizedItems += 1;
          else row.bytes += item.size;
          if (item.customerHeld === true) row.customerHeld += 1;
        }
        rows.push(row);
      }
    }
  }
  const totals = rows.reduce((t, r) => ({ items: t.items + r.items, bytes: t.bytes + r.bytes, customerHeld: t.customerHeld + r.customerHeld }), { items: 0, bytes: 0, customerHeld: 0 });
  return { range: { from, to }, rows, totals };
}
