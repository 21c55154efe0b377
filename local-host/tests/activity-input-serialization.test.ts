import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { afterEach, describe, expect, it } from "vitest";
import { DurableEngine } from "../src/durable/engine";
import { Journal } from "../src/store/journal";
import { VirtualClock } from "../src/time/clock";

// The SDK's own orchestrator entry point (what df.app.orchestration registers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createOrchestrator } = require("durable-functions/lib/src/util/testingUtils") as {
  createOrchestrator: (fn: df.OrchestrationHandler) => (payload: unknown, context: InvocationContext) => Promise<unknown>;
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/*
 * On Azure the worker sends the orchestrator's OrchestratorState to the extension as JSON, and the activity's input comes
 * back from the extension as JSON: a Date arrives as its ISO string, a Map as {}, an undefined property not at all. An
 * activity that works only with the live objects the orchestrator built works locally and fails (or misreads) on Azure.
 */
describe("an activity's input crosses the host as JSON, as it crosses the Durable extension", () => {
  it("a Date, a Map and an undefined property in an activity input arrive as Azure delivers them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lh-serial-"));
    dirs.push(dir);
    const seen: unknown[] = [];
    const orchestrator = createOrchestrator(function* (context: df.OrchestrationContext) {
      const at = context.df.currentUtcDateTime;
      return yield context.df.callActivity("inspect", { at, tags: new Map([["a", 1]]), gone: undefined });
    });
    const engine = new DurableEngine({
      journal: Journal.open(dir),
      clock: new VirtualClock(0),
      activityConcurrency: 1,
      log: () => undefined,
      invoker: {
        hasOrchestration: (name) => name === "o",
        orchestrate: (name, payload, invocationId) => orchestrator(payload, new InvocationContext({ invocationId, functionName: name, logHandler: () => undefined })),
        activity: async (_name, input) => {
          seen.push(input);
          const i = input as { at: unknown; tags: unknown };
          return { at: typeof i.at, map: i.tags instanceof Map, keys: Object.keys(input as object).sort() };
        },
      },
    });
    engine.start("o", "i1", JSON.stringify(null));
    await engine.whenIdle();
    const inst = engine.instances.get("i1")!;
    expect(inst.runtimeStatus).toBe("Completed");
    expect(JSON.parse(inst.output!)).toEqual({ at: "string", map: false, keys: ["at", "tags"] });
    expect(seen[0]).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), tags: {} });
    engine.stop();
  });
});
