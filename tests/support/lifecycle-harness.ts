import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { DurableEngine } from "../../local-host/src/durable/engine";
import { Journal } from "../../local-host/src/store/journal";
import { VirtualClock } from "../../local-host/src/time/clock";
import { isoDurationMs } from "../../shared/domain/iso-duration";
import type { ActivityInput, ActivityKey, ActivityOutput } from "../../shared/domain/lifecycle/activity-contracts";
import { objectionsPending, withdrawalPending } from "../../shared/domain/lifecycle/objection-gate";
import type { Command, DemandFacts, ReviewerDecision } from "../../shared/domain/lifecycle/decider";
import { LIFECYCLE_EVENT_NAME } from "../../shared/domain/lifecycle/decider/external-event";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { LIFECYCLE_VERSION, type LifecycleSettings } from "../../shared/domain/lifecycle/lifecycle-settings";
import type { DisclosureResult } from "../../shared/domain/lifecycle/activity-inputs";
import { makeDemandLifecycle } from "../../orchestrations/lifecycle/demand-lifecycle-flow";
import { TEST_NOW } from "./builders";
import type { LifecycleActivities } from "../../orchestrations/lifecycle/lifecycle-activities";

// The SDK's own orchestrator entry point (what df.app.orchestration registers).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createOrchestrator } = require("durable-functions/lib/src/util/testingUtils") as {
  createOrchestrator: (fn: df.OrchestrationHandler) => (payload: unknown, context: InvocationContext) => Promise<unknown>;
};

/** Settings with round numbers, so tests can reason about deadlines; retries are quick and few. */
export const TEST_SETTINGS: LifecycleSettings = {
  redirectDeadline: "P30D",
  reviewDeadline: "P4D",
  emergencyReviewDeadline: "PT1H",
  objectionWindow: "P10D",
  secrecyReviewInterval: "P180D",
  secrecyExpiryDecisionWindow: "P3D",
  secrecyExpiryLead: "P14D",
  retry: { firstIntervalMs: 1_000, maxIntervalMs: 4_000, maxAttempts: 3 },
  maxReminders: 2,
};

const NAMES: ActivityKey[] = ["loadDemand", "applyEffects", "disclose"];

/** One effect the lifecycle asked for, with the activity call it came in. */
export type Effect = Command & { call: number };

/**
 * Drives one demand's lifecycle through the SDK's replay on the local host's durable engine, with fake activities typed by
 * the same contracts as the real ones. `advance` plays the scheduled scan: it raises a Tick when the demand's wake time comes.
 */
export class LifecycleHarness {
  readonly effects: Effect[] = [];
  readonly activityCalls: { name: ActivityKey; input: unknown }[] = [];
  demand: DemandFacts;
  disclosure: DisclosureResult | Error = { itemCount: 3, contentDisclosed: true, nonContentDisclosed: true };
  /** Effect types that fail (every attempt) while listed. */
  readonly failing = new Set<Command["type"]>();
  wakeAt: number | null = null;
  /** The customer objections the API accepted, as the demand record keeps them (what the disclose activity reads). */
  readonly acceptedObjections: { summary: string; recordedAt: string }[] = [];
  private readonly dir = mkdtempSync(path.join(tmpdir(), "lifecycle-"));
  private readonly clock = new VirtualClock(TEST_NOW.getTime() - Date.now());
  private readonly engine: DurableEngine;
  private readonly instanceId = "dmd-test";

  constructor(
    demand: DemandFacts,
    private readonly settings: LifecycleSettings = TEST_SETTINGS,
    /** An instance recorded by `snapshot()` (an earlier deployment's history): the engine restores it and runs on. */
    recorded?: { instance: unknown; now: number; wakeAt: number | null },
  ) {
    this.demand = demand;
    if (recorded !== undefined) {
      writeFileSync(path.join(this.dir, "journal.jsonl"), `${JSON.stringify([{ t: "instance", k: this.instanceId, v: recorded.instance }])}\n`);
      this.clock.setNow(recorded.now);
      this.wakeAt = recorded.wakeAt;
    }
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
        activity: async (name, input) => this.runActivity(name as ActivityKey, input),
      },
    });
  }

  /** Starts the lifecycle (with the input a deployment's starter would give, by default the current one) and waits until it blocks. */
  async start(input: unknown = { demandId: this.demand.id, settings: this.settings, version: LIFECYCLE_VERSION }): Promise<void> {
    this.engine.start("demandLifecycle", this.instanceId, JSON.stringify(input));
    await this.engine.whenIdle();
  }

  /** Resumes a recorded instance (constructed with `recorded`) as a newly deployed host would, and waits until it blocks. */
  async restore(): Promise<void> {
    this.engine.restore();
    await this.engine.whenIdle();
  }

  /** The instance as the durable store holds it (history, inbox, status) and the clock: a fixture for replay tests. */
  snapshot(): { instance: unknown; now: number; wakeAt: number | null } {
    return { instance: structuredClone(this.engine.instances.get(this.instanceId)), now: this.clock.now(), wakeAt: this.wakeAt };
  }

  /** Raises one of the lifecycle's events (as the app's senders do: one durable event name, an envelope) and waits until it blocks. */
  async raise(name: string, payload: unknown): Promise<void> {
    this.raiseNoWait(name, payload);
    await this.engine.whenIdle();
  }

  /** Raises without waiting, so several events can arrive together. */
  raiseNoWait(name: string, payload: unknown): void {
    this.engine.raiseEvent(this.instanceId, LIFECYCLE_EVENT_NAME, JSON.stringify({ name, payload }));
  }

  /** Plays the objection API's first step: the objection is recorded on the demand now; returns its index (raise it yourself). */
  acceptObjection(summary: string): number {
    this.acceptedObjections.push({ summary, recordedAt: new Date(this.clock.now()).toISOString() });
    return this.acceptedObjections.length - 1;
  }

  /** When the withdrawal API recorded a withdrawal on the demand (what the disclose activity reads). */
  withdrawalRequestedAt: string | undefined;

  /** Plays the withdrawal API's first step: the withdrawal is recorded on the demand now (raise it yourself). */
  acceptWithdrawal(): void {
    this.withdrawalRequestedAt = new Date(this.clock.now()).toISOString();
  }

  /** When the answer API recorded a 'cannot redirect' answer on the demand (what the redirect deadline's read finds). */
  redirectAnsweredAt: string | undefined;

  /** Plays the 'cannot redirect' API's first step: the answer is recorded on the demand now; returns when (raise it yourself). */
  acceptCannotRedirect(): string {
    this.redirectAnsweredAt = new Date(this.clock.now()).toISOString();
    return this.redirectAnsweredAt;
  }

  /** The secrecy-expiry and confirmation decisions the review page recorded on the demand (what the order's end reads). */
  readonly recordedDecisions: (ReviewerDecision & { decidedAt: string })[] = [];

  /** Plays the review page's first step for a secrecy round: the decision is recorded on the demand now (raise it yourself). */
  acceptDecision<D extends ReviewerDecision>(decision: D): D & { decidedAt: string } {
    const recorded = { ...decision, decidedAt: new Date(this.clock.now()).toISOString() };
    this.recordedDecisions.push(recorded);
    return recorded;
  }

  /** Waits until the lifecycle blocks. */
  async settle(): Promise<void> {
    await this.engine.whenIdle();
  }

  /** Moves the clock forward; each time the demand's wake time comes, the scan's Tick is raised (retry timers fire too). */
  async advance(duration: string): Promise<void> {
    const target = this.clock.now() + isoDurationMs(duration);
    for (;;) {
      const timer = this.engine.nextTimerDue();
      const wake = this.wakeAt;
      const next = Math.min(timer ?? Infinity, wake ?? Infinity);
      if (next > target) break;
      this.clock.setNow(Math.max(next, this.clock.now()));
      if (timer !== undefined && timer <= next) this.engine.fireTimers(next);
      if (wake !== null && wake <= next) {
        this.wakeAt = null;
        this.engine.raiseEvent(this.instanceId, LIFECYCLE_EVENT_NAME, JSON.stringify({ name: LifecycleEvent.tick, payload: {} }));
      }
      await this.engine.whenIdle();
    }
    this.clock.setNow(target);
  }

  /**
   * Moves the clock forward as production does: the scheduled scan runs every `every` and raises a Tick whenever the
   * demand's stored wake time (what the last successful schedule_wake wrote) is due, again on every run until it moves.
   */
  async scan(duration: string, every = "PT1M"): Promise<void> {
    const target = this.clock.now() + isoDurationMs(duration);
    const step = isoDurationMs(every);
    while (this.clock.now() < target) {
      const now = Math.min(this.clock.now() + step, target);
      // Retry timers (seconds apart) fire in their own episodes before the scan run.
      for (let timer = this.engine.nextTimerDue(); timer !== undefined && timer <= now; timer = this.engine.nextTimerDue()) {
        this.clock.setNow(Math.max(timer, this.clock.now()));
        this.engine.fireTimers(timer);
        await this.engine.whenIdle();
      }
      this.clock.setNow(now);
      if (this.wakeAt !== null && this.wakeAt <= now) {
        this.engine.raiseEvent(this.instanceId, LIFECYCLE_EVENT_NAME, JSON.stringify({ name: LifecycleEvent.tick, payload: {} }));
      }
      await this.engine.whenIdle();
    }
  }

  /** The instance's runtime status and output. */
  status(): { runtimeStatus: string; output: unknown; historyLength: number } {
    const inst = this.engine.instances.get(this.instanceId);
    if (inst === undefined) throw new Error("not started");
    return { runtimeStatus: inst.runtimeStatus, output: inst.output === null ? null : JSON.parse(inst.output), historyLength: inst.history.length };
  }

  /** Pending durable timers. */
  pendingTimers(): number {
    return this.engine.instances.get(this.instanceId)?.timers.length ?? 0;
  }

  /** The effects of one type, in order. */
  of<T extends Command["type"]>(type: T): (Extract<Command, { type: T }> & { call: number })[] {
    return this.effects.filter((e) => e.type === type) as (Extract<Command, { type: T }> & { call: number })[];
  }

  /** The steps recorded, in order. */
  steps(): string[] {
    return this.of("record").map((r) => r.step);
  }

  /** Stops the engine and removes its state. */
  dispose(): void {
    this.engine.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private calls = 0;

  private async runActivity<K extends ActivityKey>(name: K, input: unknown): Promise<ActivityOutput<K>> {
    this.activityCalls.push({ name, input });
    const call = ++this.calls;
    if (name === "loadDemand") {
      const answer = this.redirectAnsweredAt === undefined ? {} : { redirectAnsweredAt: this.redirectAnsweredAt };
      const decisions = this.recordedDecisions.length === 0 ? {} : { secrecyDecisions: [...this.recordedDecisions] };
      return { ...this.demand, ...answer, ...decisions } as ActivityOutput<K>;
    }
    if (name === "disclose") {
      // The real activity's check (activities/handlers/disclose.ts) over the objections recorded here.
      const gate = (input as ActivityInput<"disclose">).objectionWindow;
      if (gate !== undefined && withdrawalPending(this.withdrawalRequestedAt, gate)) return { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false, withdrawalPending: true } as ActivityOutput<K>;
      const pending = gate === undefined ? [] : objectionsPending(this.acceptedObjections, gate);
      if (pending.length > 0) return { itemCount: 0, contentDisclosed: false, nonContentDisclosed: false, objectionsPending: pending } as ActivityOutput<K>;
      this.effects.push({ type: "disclose", key: (input as { effectKey: string }).effectKey, scope: (input as { scope: never }).scope, call });
      if (this.disclosure instanceof Error) throw this.disclosure;
      return this.disclosure as ActivityOutput<K>;
    }
    const effects = (input as { effects: Command[] }).effects;
    for (const effect of effects) {
      if (this.failing.has(effect.type)) throw new Error(`[smtp-unavailable] ${effect.type} failed`);
    }
    for (const effect of effects) {
      this.effects.push({ ...effect, call });
      if (effect.type === "schedule_wake") this.wakeAt = effect.at === null ? null : Date.parse(effect.at);
    }
    return null as ActivityOutput<K>;
  }
}
