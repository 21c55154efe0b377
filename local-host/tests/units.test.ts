import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expandBraces, globFiles } from "../src/app/glob";
import { retryDelay } from "../src/durable/extension-replay";
import { compileRoute } from "../src/http/route-template";
import { parseIsoDuration, toTimeSpan } from "../src/time/iso-duration";
import { nextOccurrence, parseNcrontab } from "../src/time/ncrontab";
import { Journal } from "../src/store/journal";
import { tempDir } from "./support";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("glob", () => {
  it("expands brace lists and matches * and **", () => {
    expect(expandBraces("dist/{a,b}/*.js")).toEqual(["dist/a/*.js", "dist/b/*.js"]);
    const dir = tempDir("lh-glob-");
    dirs.push(dir);
    for (const f of ["dist/functions/x.js", "dist/functions/x.js.map", "dist/activities/y.js", "dist/other/z.js", "dist/functions/deep/w.js"]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), "");
    }
    const rel = (files: string[]) => files.map((f) => path.relative(dir, f));
    expect(rel(globFiles(dir, "dist/{functions,activities}/*.js"))).toEqual(["dist/activities/y.js", "dist/functions/x.js"]);
    expect(rel(globFiles(dir, "dist/**/*.js"))).toEqual(["dist/activities/y.js", "dist/functions/deep/w.js", "dist/functions/x.js", "dist/other/z.js"]);
  });
});

describe("NCRONTAB", () => {
  it("finds the next occurrence with lists, ranges and steps", () => {
    const at = Date.parse("2026-01-01T00:00:00Z");
    expect(new Date(nextOccurrence(parseNcrontab("0 */5 * * * *"), at) ?? 0).toISOString()).toBe("2026-01-01T00:05:00.000Z");
    expect(new Date(nextOccurrence(parseNcrontab("30 15 9-17 * * MON-FRI"), at) ?? 0).toISOString()).toBe("2026-01-01T09:15:30.000Z");
    expect(new Date(nextOccurrence(parseNcrontab("0 0 0 1 1,7 *"), at) ?? 0).toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(() => parseNcrontab("* * * * *")).toThrow(/six fields/);
  });
});

describe("durations and routes", () => {
  it("parses ISO 8601 durations", () => {
    expect(parseIsoDuration("P400D")).toBe(400 * 86_400_000);
    expect(parseIsoDuration("P1W2DT3H4M5.5S")).toBe(((9 * 24 + 3) * 3600 + 4 * 60 + 5.5) * 1000);
    expect(() => parseIsoDuration("400 days")).toThrow();
    expect(toTimeSpan(3 * 86_400_000)).toBe("3.00:00:00");
  });

  it("matches route templates with optional parameters and constraints", () => {
    const route = compileRoute("orders/{id:int}/{part?}");
    expect(route.match("orders/12")).toEqual({ id: "12" });
    expect(route.match("Orders/12/lines")).toEqual({ id: "12", part: "lines" });
    expect(route.match("orders/abc")).toBeUndefined();
    expect(route.match("orders/12/lines/extra")).toBeUndefined();
  });

  it("computes retry delays with backoff, cap and timeout as DTFx's RetryInterceptor", () => {
    const policy = { firstRetryIntervalInMilliseconds: 1000, maxNumberOfAttempts: 5, backoffCoefficient: 2, maxRetryIntervalInMilliseconds: 3000, retryTimeoutInMilliseconds: 60_000 };
    expect([0, 1, 2].map((retryCount) => retryDelay(policy, retryCount, 0, 10))).toEqual([1000, 2000, 3000]);
    // Past the retry timeout the delay is zero: the extension gives up without a retry timer.
    expect(retryDelay(policy, 1, 0, 60_000)).toBe(0);
  });
});

describe("journal", () => {
  it("replays the last record per key and drops a torn final line", async () => {
    const dir = tempDir("lh-journal-");
    dirs.push(dir);
    const journal = Journal.open(dir);
    journal.put("x", "a", 1);
    journal.put("x", "b", 2);
    await journal.durable();
    journal.put("x", "a", 3);
    journal.put("x", "b", undefined);
    await journal.close();
    fs.appendFileSync(path.join(dir, "journal.jsonl"), '[{"t":"x","k":"c","v":');
    const reopened = Journal.open(dir);
    expect(reopened.records("x").map((r) => [r.k, r.v])).toEqual([["a", 3]]);
    await reopened.close();
  });
});
