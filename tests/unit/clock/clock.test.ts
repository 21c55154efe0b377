import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_HOST_CLOCK, LocalHostClock, isLocalHostClockPublished } from "../../../shared/adapters/clock/local-host-clock";
import { MonotonicClock } from "../../../shared/adapters/clock/monotonic-clock";
import { SystemClock } from "../../../shared/adapters/clock/system-clock";

const globals = globalThis as Record<symbol, unknown>;

afterEach(() => {
  delete globals[LOCAL_HOST_CLOCK];
});

describe("the Clock adapters", () => {
  it("the local adapter reads the host's published virtual clock at every call", () => {
    let virtual = Date.parse("2027-03-01T00:00:00Z");
    const clock = new LocalHostClock();
    expect(isLocalHostClockPublished()).toBe(false);
    globals[LOCAL_HOST_CLOCK] = { now: () => virtual };
    expect(isLocalHostClockPublished()).toBe(true);
    expect(clock.now().toISOString()).toBe("2027-03-01T00:00:00.000Z");
    virtual += 86_400_000;
    expect(clock.now().toISOString()).toBe("2027-03-02T00:00:00.000Z");
  });

  it("the local adapter falls back to the system clock when no host clock is published", () => {
    globals[LOCAL_HOST_CLOCK] = { notAClock: true };
    const before = Date.now();
    const now = new LocalHostClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("the system clock is the wall clock", () => {
    const before = Date.now();
    expect(new SystemClock().now().getTime()).toBeGreaterThanOrEqual(before);
  });

  it("never runs backwards, even when its source does", () => {
    const times = [1000, 5000, 3000, 7000];
    const clock = new MonotonicClock({ now: () => new Date(times.shift()!) });
    expect([clock.now(), clock.now(), clock.now(), clock.now()].map((d) => d.getTime())).toEqual([1000, 5000, 5000, 7000]);
  });
});

// Everything that reads "now" reads the Clock port; these are the only places the wall clock is read, each with why.
const WALL_CLOCK_READERS: Record<string, string> = {
  "shared/adapters/clock/system-clock.ts": "the system clock adapter",
  "shared/adapters/clock/local-host-clock.ts": "the fallback when no host clock is published",
  "functions/handlers/get-package-handler.ts": "SAS link times: Storage checks them with its own clock",
  "shared/adapters/keys/key-vault-key-service.ts": "a default; Key Vault checks key validity with its own clock",
  "shared/adapters/cosmos/cosmos-effect-ledger.ts": "a constructor default; composition passes the Clock",
  "shared/adapters/teams/directory-teams-notifier.ts": "a constructor default; composition passes the Clock",
  "shared/staff/staff-session.ts": "session cookies: the browser expires them on its own (wall) clock",
  "shared/adapters/local/demo-data/demo-dataset.ts": "a default: the demo data's window when seeding; tests pass a fixed now",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

describe("one clock", () => {
  it("nothing in shared/, functions/, activities/ or orchestrations/ reads the wall clock outside the known places", () => {
    const root = path.join(__dirname, "../../..");
    const readers = ["shared", "functions", "activities", "orchestrations"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file).split(path.sep).join("/"));
    expect(readers.sort()).toEqual(Object.keys(WALL_CLOCK_READERS).sort());
  });
});
