import path from "node:path";
import { createVitest } from "vitest/node";
import { describe, expect, it } from "vitest";
import SummaryReporter, { countRun } from "../../support/summary-reporter";

const FIXTURES = path.join(__dirname, "reporter-fixtures");

/** Runs vitest on the given fixture files with the summary reporter, returning the counts and the printed line. */
async function run(files: string[]): Promise<{ counts: ReturnType<typeof countRun>; line: string }> {
  let counts = { passed: -1, failed: -1, skipped: -1 };
  let line = "";
  const reporter = new SummaryReporter();
  const vitest = await createVitest(
    "test",
    {
      root: FIXTURES,
      include: files,
      config: false,
      watch: false,
      globalSetup: [],
      pool: "threads",
      reporters: [
        {
          onTestRunEnd: (modules, errors) => {
            counts = countRun(modules, errors);
            const write = process.stdout.write.bind(process.stdout);
            process.stdout.write = ((chunk: string) => {
              line += chunk;
              return true;
            }) as typeof process.stdout.write;
            try {
              reporter.onTestRunEnd(modules, errors);
            } finally {
              process.stdout.write = write;
            }
          },
        },
      ],
    },
    {},
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  return { counts, line: line.trim() };
}

describe("the closing summary line", () => {
  it("counts passed and skipped tests", async () => {
    expect(await run(["passing.fixture.ts"])).toEqual({ counts: { passed: 1, failed: 0, skipped: 1 }, line: "tests: 1 passed, 0 failed, 1 skipped" });
  });

  it("counts a failed test once, not again for its suite and file", async () => {
    expect((await run(["failing-test.fixture.ts"])).counts).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });

  it("counts a failed hook as a failure even though its tests did not fail", async () => {
    const { counts, line } = await run(["failing-hook.fixture.ts"]);
    expect(counts.failed).toBe(1);
    expect(line).toMatch(/^tests: 0 passed, 1 failed, \d+ skipped$/);
  });

  it("counts a file that fails to load as a failure", async () => {
    expect((await run(["failing-load.fixture.ts", "passing.fixture.ts"])).counts).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });
});
