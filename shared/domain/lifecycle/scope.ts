import type { DateRange, Target } from "../demand";
import type { DataCategory } from "../enums";

/** What may be collected: the categories, identifiers and range of the order as approved (R6). */
export interface DisclosureScope {
  categories: DataCategory[];
  targets: Target[];
  dateRange: { from: string; to: string };
}

/** A reviewer's narrowing: what to keep. Anything not named stays as it is. */
export interface Narrowing {
  categories?: DataCategory[] | undefined;
  targets?: Target[] | undefined;
  dateRange?: Partial<DateRange> | undefined;
}

/** Applies a narrowing; it can only remove (a category, an identifier, days at either end), never add. */
export function narrowScope(scope: DisclosureScope, narrowing: Narrowing): DisclosureScope {
  const key = (t: Target) => `${t.type}:${t.value.trim().toLowerCase()}`;
  const keepTargets = narrowing.targets === undefined ? null : new Set(narrowing.targets.map(key));
  const from = narrowing.dateRange?.from !== undefined && narrowing.dateRange.from > scope.dateRange.from ? narrowing.dateRange.from : scope.dateRange.from;
  const to = narrowing.dateRange?.to !== undefined && narrowing.dateRange.to < scope.dateRange.to ? narrowing.dateRange.to : scope.dateRange.to;
  return {
    categories: narrowing.categories === undefined ? scope.categories : scope.categories.filter((c) => narrowing.categories!.includes(c)),
    targets: keepTargets === null ? scope.targets : scope.targets.filter((t) => keepTargets.has(key(t))),
    dateRange: { from, to: to < from ? from : to },
  };
}

/** True when nothing is left to collect. */
export function isEmptyScope(scope: DisclosureScope): boolean {
  return scope.categories.length === 0 || scope.targets.length === 0;
}
