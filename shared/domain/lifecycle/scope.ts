import type { DateRange, Target } from "../demand";
import type { DataCategory } from "../enums";
import { identifierKey } from "../tenant";

/** What may be collected: the categories, identifiers and range of the order as approved (R6). */
export interface DisclosureScope {
  categories: DataCategory[];
  targets: Target[];
  dateRange: { from: string; to: string };
}

/** A reviewer's narrowing: what to keep, identifiers by their position in the demand. Anything not named stays as it is. */
export interface Narrowing {
  categories?: DataCategory[] | undefined;
  targets?: number[] | undefined;
  dateRange?: Partial<DateRange> | undefined;
}

// The directory's key (email and username case-insensitive, account ids and the rest exact): two identifiers that reach
// different accounts must never be kept or dropped together (R6).
const targetKey = (t: Target) => identifierKey(t.type, t.value);

/** Applies a narrowing; it can only remove (a category, an identifier, days at either end), never add. */
export function narrowScope(scope: DisclosureScope, narrowing: Narrowing, demandTargets: readonly Target[]): DisclosureScope {
  const keepTargets =
    narrowing.targets === undefined ? null : new Set(narrowing.targets.flatMap((i) => (demandTargets[i] === undefined ? [] : [targetKey(demandTargets[i]!)])));
  const from = narrowing.dateRange?.from !== undefined && narrowing.dateRange.from > scope.dateRange.from ? narrowing.dateRange.from : scope.dateRange.from;
  const to = narrowing.dateRange?.to !== undefined && narrowing.dateRange.to < scope.dateRange.to ? narrowing.dateRange.to : scope.dateRange.to;
  // No day left (two reviewers' narrowings that do not overlap): nothing may be collected, not even the first day.
  const noDays = to < from;
  return {
    categories: noDays ? [] : narrowing.categories === undefined ? scope.categories : scope.categories.filter((c) => narrowing.categories!.includes(c)),
    targets: keepTargets === null ? scope.targets : scope.targets.filter((t) => keepTargets.has(targetKey(t))),
    dateRange: { from, to: noDays ? from : to },
  };
}

/** True when nothing is left to collect. */
export function isEmptyScope(scope: DisclosureScope): boolean {
  return scope.categories.length === 0 || scope.targets.length === 0;
}

/** The scope as a review page shows it: identifiers by their position in the demand. */
export function scopeForReview(scope: DisclosureScope, demandTargets: readonly Target[]) {
  const kept = new Set(scope.targets.map(targetKey));
  return {
    categories: scope.categories,
    targets: demandTargets.flatMap((t, i) => (kept.has(targetKey(t)) ? [i] : [])),
    dateRange: scope.dateRange,
  };
}
