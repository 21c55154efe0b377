import type { Reporter, TestModule, TestSuite } from "vitest/node";

/** The counts of the closing line. */
export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Counts tests by state; a test file that failed to load, a failed hook (which leaves its tests skipped or unrun) and
 * an unhandled error each count as one failure more, so the line never says "0 failed" for a failed run.
 */
export function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): RunCounts {
  const counts: RunCounts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") counts.passed += 1;
      else if (state === "failed") counts.failed += 1;
      else counts.skipped += 1;
    }
    for (const scope of [module, ...module.children.allSuites()]) if (failedOnItsOwn(scope)) counts.failed += 1;
  }
  return counts;
}

/** A module or suite that failed by its own error (load error, failed hook), not only because a test or inner suite in it did. */
function failedOnItsOwn(scope: TestModule | TestSuite): boolean {
  if (scope.errors().length > 0) return true;
  if (scope.state() !== "failed") return false;
  for (const test of scope.children.allTests()) if (test.result().state === "failed") return false;
  for (const suite of scope.children.allSuites()) if (suite.state() === "failed") return false;
  return true;
}

/** Prints the plain closing line CI reads ("tests: N passed, N failed, N skipped") after vitest's own summary. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const { passed, failed, skipped } = countRun(testModules, unhandledErrors);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
