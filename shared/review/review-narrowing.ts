import type { Narrowing } from "./review-decision";
import type { ReviewScope } from "./review-round-state";

/** One problem with one field of a reviewer's form. */
export interface FormProblem {
  field: string;
  message: string;
}

/** The outcome of checking a narrowing against the scope under review. */
export type NarrowingCheck = { ok: true; narrowing: Narrowing } | { ok: false; problems: FormProblem[] };

/**
 * R6: a narrowing may only remove. Every kept category and identifier must already be in scope and the range must lie
 * within the current one; something must actually be removed. Returns the narrowing reduced to the fields that changed.
 */
export function checkNarrowing(proposed: Narrowing, scope: ReviewScope): NarrowingCheck {
  const problems: FormProblem[] = [];
  const changed: Narrowing = {};

  if (proposed.categories !== undefined) {
    const added = proposed.categories.filter((c) => !scope.categories.includes(c));
    if (added.length > 0) problems.push({ field: "categories", message: `Narrowing can only remove categories; not in scope: ${added.join(", ")}.` });
    const kept = [...new Set(proposed.categories)];
    if (kept.length < scope.categories.length) changed.categories = kept;
  }

  if (proposed.targets !== undefined) {
    const added = proposed.targets.filter((t) => !scope.targets.includes(t));
    if (added.length > 0) {
      problems.push({ field: "targets", message: `Narrowing can only remove identifiers; not in scope: ${added.map((t) => `#${t + 1}`).join(", ")}.` });
    }
    const kept = [...new Set(proposed.targets)].sort((a, b) => a - b);
    if (kept.length < scope.targets.length) changed.targets = kept;
  }

  if (proposed.dateRange !== undefined) {
    const { from, to } = proposed.dateRange;
    if (from > to) problems.push({ field: "dateRange", message: "The range must start on or before its end." });
    if (from < scope.dateRange.from || (scope.dateRange.to !== undefined && to > scope.dateRange.to)) {
      problems.push({
        field: "dateRange",
        message: `Narrowing can only shorten the range ${scope.dateRange.from} to ${scope.dateRange.to ?? "(open)"}.`,
      });
    }
    if (from > scope.dateRange.from || scope.dateRange.to === undefined || to < scope.dateRange.to) changed.dateRange = { from, to };
  }

  if (problems.length === 0 && Object.keys(changed).length === 0) {
    problems.push({ field: "action", message: "This narrowing removes nothing; choose approve to approve the demand as it is." });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, narrowing: changed };
}
