import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { DurableEngine } from "../../local-host/src/durable/engine";
import { Journal } from "../../local-host/src/store/journal";
import { VirtualClock } from "../../local-host/src/time/clock";
import { isoDurationMs } from "../../shared/domain/iso-duration";
import type { LifecycleDemand } from "../../shared/domain/lifecycle/lifecycle-demand";
import type { LifecycleSettings } from "../../shared/domain/lifecycle/lifecycle-settings";
import type { DisclosureResult } from "../../shared/domain/lifecycle/activity-inputs";
import { makeDemandLifecycle } from "../../orchestrations/lifecycle/demand-lifecycle-flow";
import { TEST_NOW } from "./builders";
import type { LifecycleActivities } from "../../orchestrations/lifecycle/lifecycle-activities";

// The SDK's own orchestrator entry point (what df.app.orchestration registers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createOrchestrator } = require("durable-functions/lib/src/util/testingUtils") as {
  createOrchestrator: (fn: df.OrchestrationHandler) => (payload: unknown, context: InvocationContext) => Promise<unknown>;
};

/** Settings with round numbers, so tests can reason about deadlines. */
export const TEST_SETTINGS: LifecycleSettings = {
  redirectDeadline: "P30D",
  reviewDeadline: "P4D",
  emergencyReviewDeadline: "PT1H",
  objectionWindow: "P10D",
  secrecyReviewInterval: "P180D",
  secrecyExpiryDecisionWindow: "P3D",
  maxReminders: 2,
};

const NAMES: (keyof LifecycleActivities)[] = ["loadDemand", "recordStep", "notifyRequester", "requestReview", "sendCustomerNotice", "disclose", "closeDemand"];

/** One recorded activity call. */
export interface ActivityCall {
  name: keyof LifecycleActivities;
  input: Record<string, unknown>;
}

/** Drives one demand's lifecycle through the SDK's replay on the local host's durable engine, with fake activities. */
export class LifecycleHarness {
  readonly calls: ActivityCall[] = [];
  demand: LifecycleDemand;
  disclosure: DisclosureResult | Error = { itemCount: 3, contentDisclosed: true, nonContentDisclosed: true };
  private readonly dir = mkdtempSync(path.join(tmpdir(), "lifecycle-"));
  private readonly clock = new VirtualClock(TEST_NOW.getTime() - Date.now());
  private readonly engine: DurableEngine;
  private readonly instanceId = "dmd-test";

  constructor(demand: LifecycleDemand) {
    this.demand = demand;
    const warn = console.warn;
    console.warn = () => undefined; // df.app.activity warns that it is not inside a Functions worker
    const activities = Object.fromEntries(NAMES.map((name) => [name, df.app.activity(name, { handler: () => undefined })])) as unknown as LifecycleActivities;
    console.warn = warn;
    const orchestrator = createOrchestrator(makeDemandLifecycle(activities));
    this.engine = new DurableEngine({
      journal: Journal.open(this.dir),
      clock: this.clock,
      activityConcurrency: 4,
      log: () => undefined,
      invoker: {
        hasOrchestration: (name) => name === "demandLifecycle",
        orchestrate: (name, payload, invocationId) => orchestrator(payload, new InvocationContext({ invocationId, functionName: name, logHandler: () => undefined })),
        activity: async (name, input) => this.runActivity(name as keyof LifecycleActivities, input as Record<string, unknown>),
      },
    });
  }

  /** Starts the lifecycle and waits until it blocks. */
  async start(): Promise<void> {
    this.engine.start("demandLifecycle", this.instanceId, JSON.stringify({ demandId: this.demand.id, settings: TEST_SETTINGS }));
    await this.engine.whenIdle();
  }

  /** Raises an external event and waits until the lifecycle blocks again. */
  async raise(name: string, payload: unknown): Promise<void> {
    this.engine.raiseEvent(this.instanceId, name, JSON.stringify(payload));
    await this.engine.whenIdle();
  }

  /** Moves the virtual clock forward, firing due timers in order. */
  async advance(duration: string): Promise<void> {
    const target = this.clock.now() + isoDurationMs(duration);
    for (;;) {
      const next = this.engine.nextTimerDue();
      if (next === undefined || next > target) break;
      this.clock.setNow(Math.max(next, this.clock.now()));
      this.engine.fireTimers(next);
      await this.engine.whenIdle();
    }
    this.clock.setNow(target);
  }

  /** The instance's runtime status and output. */
  status(): { runtimeStatus: string; output: unknown; historyLength: number } {
    const inst = this.engine.instances.get(this.instanceId);
    if (inst === undefined) throw new Error("not started");
    return { runtimeStatus: inst.runtimeStatus, output: inst.output === null ? null : JSON.parse(inst.output), historyLength: inst.history.length };
  }

  /** Pending durable timers (a cancelled loser must not be among them once the instance is done). */
  pendingTimers(): number {
    return this.engine.instances.get(this.instanceId)?.timers.length ?? 0;
  }

  /** The calls of one activity. */
  callsOf(name: keyof LifecycleActivities): Record<string, unknown>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  /** The steps recorded, in order. */
  steps(): string[] {
    return this.callsOf("recordStep").map((i) => String(i.step));
  }

  /** Stops the engine and removes its state. */
  dispose(): void {
    this.engine.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async runActivity(name: keyof LifecycleActivities, input: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ name, input });
    if (name === "loadDemand") return this.demand;
    if (name === "disclose") {
      if (this.disclosure instanceof Error) throw this.disclosure;
      return this.disclosure;
    }
    if (name === "sendCustomerNotice") return { sent: true };
    return null;
  }
}
