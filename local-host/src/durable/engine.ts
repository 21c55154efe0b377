import { randomUUID } from "node:crypto";
import type { Journal } from "../store/journal";
import type { VirtualClock } from "../time/clock";
import { ActivityPool, type ActivityRef } from "./activity-pool";
import { childInstanceId, closeEpisode, openEpisode, orchestrationPayload } from "./episode";
import type { NewWork } from "./extension-replay";
import { EventType, historyEvent } from "./history";
import { completeInstance, continueAsNew, createInstance, failInstance, type EngineCore } from "./instance-lifecycle";
import * as management from "./management";
import { callOrchestrator, type EpisodeOutcome, type OrchestrationPayload } from "./orchestrator-call";
import { terminalStatuses, type InboxMessage, type InstanceState } from "./types";

export type { OperationResult } from "./management";

/** How the engine reaches the app's functions. */
export interface FunctionInvoker {
  /** Calls the orchestration function `name` with the trigger payload; rejects if it is not registered. */
  orchestrate(name: string, payload: OrchestrationPayload, invocationId: string): Promise<unknown>;
  /** Calls the activity function `name` with its input. */
  activity(name: string, input: unknown, invocationId: string): Promise<unknown>;
  /** Whether an orchestration function with this name is registered. */
  hasOrchestration(name: string): boolean;
}

/** Engine settings. */
export interface EngineOptions {
  journal: Journal;
  clock: VirtualClock;
  invoker: FunctionInvoker;
  activityConcurrency: number;
  /** host.json functionTimeout in milliseconds; activities running longer fail. */
  activityTimeoutMs?: number;
  log: (level: "info" | "warn" | "error", message: string) => void;
  onEpisode?: (latencyMs: number) => void;
}

const journalType = "instance";

/** Runs durable orchestrations: replays them through the SDK and the extension's rules, schedules their work, persists every step. */
export class DurableEngine {
  readonly instances = new Map<string, InstanceState>();
  private readonly ready = new Set<string>();
  private readonly readySince = new Map<string, number>();
  private readonly dirty = new Set<string>();
  /** Instances whose last episode is not yet on disk: their next episode waits, gathering what arrives meanwhile. */
  private readonly cooling = new Set<string>();
  private readonly pool: ActivityPool;
  private readonly core: EngineCore;
  private pumping = false;
  private externalWork = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  /** Called whenever the earliest pending timer may have changed. */
  onTimersChanged: () => void = () => undefined;

  constructor(private readonly opts: EngineOptions) {
    opts.journal.beforeFlush = () => {
      for (const id of this.dirty) opts.journal.put(journalType, id, this.instances.get(id));
      this.dirty.clear();
    };
    this.core = {
      instances: this.instances,
      clock: opts.clock,
      touch: (inst) => this.touch(inst),
      markReady: (inst) => this.markReady(inst),
      unready: (id) => this.ready.delete(id),
      timersChanged: () => this.onTimersChanged(),
      log: opts.log,
    };
    this.pool = new ActivityPool({
      concurrency: opts.activityConcurrency,
      timeoutMs: opts.activityTimeoutMs,
      run: (name, input) => opts.invoker.activity(name, input, randomUUID()),
      lookup: (ref) => this.currentWork(ref),
      deliver: (ref, message) => this.deliverActivityResult(ref, message),
      onSettled: () => this.checkIdle(),
    });
  }

  /** Restores every instance from the journal and resumes its pending work (activities run again). */
  restore(): void {
    for (const record of this.opts.journal.records(journalType)) {
      const inst = record.v as InstanceState;
      this.instances.set(inst.instanceId, inst);
    }
    for (const inst of this.instances.values()) {
      if (terminalStatuses.has(inst.runtimeStatus)) continue;
      for (const work of inst.work) this.pool.enqueue({ instanceId: inst.instanceId, executionId: inst.executionId, seq: work.seq });
      this.markReady(inst);
    }
    this.pool.pump();
    this.onTimersChanged();
  }

  /** Stops starting new work (in-flight calls finish but their results are not applied). */
  stop(): void {
    this.stopped = true;
    this.pool.stop();
  }

  /** Persists everything changed so far and resolves when it is on disk. */
  commit(): Promise<void> {
    return this.opts.journal.durable();
  }

  /** Starts (or, if the existing one is not running, replaces) an instance; returns the blocking status on conflict. */
  start(name: string, instanceId: string, inputJson: string | null): { conflict?: string } {
    return management.startInstance(this.core, name, instanceId, inputJson);
  }

  /** Queues an external event for an instance (kept until the orchestrator waits for it). */
  raiseEvent(instanceId: string, name: string, inputJson: string | null): management.OperationResult {
    return management.raiseEvent(this.core, instanceId, name, inputJson);
  }

  /** Terminates an instance that is not already finished. */
  terminate(instanceId: string, reason: string): management.OperationResult {
    return management.terminate(this.core, instanceId, reason);
  }

  /** Suspends a running instance: its messages queue up until it is resumed. */
  suspend(instanceId: string, reason: string): management.OperationResult {
    return management.suspend(this.core, instanceId, reason);
  }

  /** Resumes a suspended instance. */
  resume(instanceId: string, reason: string): management.OperationResult {
    return management.resume(this.core, instanceId, reason);
  }

  /** Deletes an instance and its history. */
  purge(instanceId: string): boolean {
    if (!this.instances.delete(instanceId)) return false;
    this.ready.delete(instanceId);
    this.dirty.delete(instanceId);
    this.opts.journal.put(journalType, instanceId, undefined);
    this.onTimersChanged();
    return true;
  }

  /** The earliest pending durable timer, if any. */
  nextTimerDue(): number | undefined {
    let earliest: number | undefined;
    for (const inst of this.instances.values()) {
      if (terminalStatuses.has(inst.runtimeStatus)) continue;
      for (const timer of inst.timers) if (earliest === undefined || timer.fireAt < earliest) earliest = timer.fireAt;
    }
    return earliest;
  }

  /** Fires every durable timer due at or before `upTo`; cancelled timers fire too, as their messages still arrive on Azure. */
  fireTimers(upTo: number): void {
    for (const inst of this.instances.values()) {
      if (terminalStatuses.has(inst.runtimeStatus)) continue;
      const due = inst.timers.filter((t) => t.fireAt <= upTo).sort((a, b) => a.fireAt - b.fireAt || a.seq - b.seq);
      if (due.length === 0) continue;
      inst.timers = inst.timers.filter((t) => t.fireAt > upTo);
      for (const timer of due) inst.inbox.push({ kind: "timerFired", seq: timer.seq, fireAt: timer.fireAt });
      this.markReady(inst);
      this.touch(inst);
    }
    this.onTimersChanged();
  }

  /** Counts work outside the engine (e.g. a timer trigger invocation) toward quiescence. */
  async trackExternal<T>(work: () => Promise<T>): Promise<T> {
    this.externalWork++;
    try {
      return await work();
    } finally {
      this.externalWork--;
      this.checkIdle();
    }
  }

  /** Resolves when no episode, activity or tracked external work is pending. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.pumping && this.ready.size === 0 && this.pool.idle && this.externalWork === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private touch(inst: InstanceState): void {
    inst.lastUpdatedTime = this.opts.clock.now();
    this.dirty.add(inst.instanceId);
    this.opts.journal.touch();
  }

  private runnable(inst: InstanceState): boolean {
    return (inst.runtimeStatus === "Pending" || inst.runtimeStatus === "Running") && (inst.needsFirstEpisode || inst.inbox.length > 0);
  }

  private markReady(inst: InstanceState): void {
    if (!this.runnable(inst) || this.stopped) return;
    this.ready.add(inst.instanceId);
    if (!this.readySince.has(inst.instanceId)) this.readySince.set(inst.instanceId, performance.now());
    if (!this.pumping) setImmediate(() => void this.pump());
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped) {
        const due = [...this.ready].filter((id) => !this.cooling.has(id));
        if (due.length === 0) break;
        for (const id of due) {
          this.ready.delete(id);
          const inst = this.instances.get(id);
          if (!inst || !this.runnable(inst)) continue;
          // External events come in bursts from outside: their instance waits for the commit so the burst batches.
          if (await this.runEpisode(inst)) this.coolDown(id);
          const since = this.readySince.get(id);
          this.readySince.delete(id);
          if (since !== undefined) this.opts.onEpisode?.(performance.now() - since);
          if (this.runnable(inst)) {
            this.ready.add(id);
            this.readySince.set(id, performance.now());
          }
        }
        // Let HTTP requests and activity completions interleave with long replay bursts.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
      this.checkIdle();
    }
  }

  /**
   * Holds an instance's next episode until its last one is durable, so events arriving meanwhile go into one batch
   * instead of one replay each (the provider batches whatever is queued for an instance; batching is not observable).
   */
  private coolDown(id: string): void {
    this.cooling.add(id);
    void this.opts.journal.durable().then(() => {
      this.cooling.delete(id);
      const inst = this.instances.get(id);
      if (inst && this.ready.has(id) && !this.pumping) setImmediate(() => void this.pump());
      else this.checkIdle();
    });
  }

  /** Runs one episode; resolves whether its batch held an external event. */
  private async runEpisode(inst: InstanceState): Promise<boolean> {
    const now = Math.max(this.opts.clock.now(), lastEpisodeTime(inst));
    // Every message that arrived since the last episode goes into this one, as the provider batches them.
    const messages = inst.inbox;
    inst.inbox = [];
    const hadEvent = messages.some((m) => m.kind === "event");
    inst.needsFirstEpisode = false;
    const executionId = inst.executionId;
    const newEvents = openEpisode(messages, now);
    const history = [...inst.history, ...newEvents];
    const payload = orchestrationPayload(inst, history);
    const outcome: EpisodeOutcome = this.opts.invoker.hasOrchestration(inst.name)
      ? await callOrchestrator(() => this.opts.invoker.orchestrate(inst.name, payload, randomUUID()))
      : { ok: false, error: `The function '${inst.name}' doesn't exist or is not an orchestrator function.`, customStatus: undefined, actions: [] };
    // A terminate, purge or restart may have happened while the orchestrator ran.
    if (this.instances.get(inst.instanceId) !== inst || inst.executionId !== executionId || terminalStatuses.has(inst.runtimeStatus)) return hadEvent;
    inst.history.push(...newEvents);
    if (inst.runtimeStatus === "Pending") inst.runtimeStatus = "Running";
    if (outcome.customStatus !== undefined) inst.customStatus = JSON.stringify(outcome.customStatus);
    const decision = closeEpisode(inst, history, outcome, now);
    if (decision.end === "failed") {
      failInstance(this.core, inst, decision.message);
      return hadEvent;
    }
    inst.history.push(...decision.scheduled, historyEvent(EventType.OrchestratorCompleted, now));
    this.touch(inst);
    for (const work of decision.work) this.dispatch(inst, work);
    if (decision.end === "completed") completeInstance(this.core, inst, decision.output);
    else if (decision.end === "continuedAsNew") continueAsNew(this.core, inst, decision.continueInput);
    this.pool.pump();
    // Only a new durable timer can move the earliest one here (an end or a new sub-orchestration reports its own
    // change): looking after every episode scanned every instance, a cost that grew with the instances kept.
    if (decision.work.some((work) => work.kind === "timer")) this.onTimersChanged();
    return hadEvent;
  }

  private dispatch(inst: InstanceState, work: NewWork): void {
    switch (work.kind) {
      case "activity":
        inst.work.push({ seq: work.id, name: work.name, input: work.input ?? null });
        this.pool.enqueue({ instanceId: inst.instanceId, executionId: inst.executionId, seq: work.id });
        return;
      case "timer":
        inst.timers.push({ seq: work.id, fireAt: work.fireAt });
        return;
      case "subOrchestration": {
        const childId = childInstanceId(inst.instanceId, work);
        const existing = this.instances.get(childId);
        if (existing && !terminalStatuses.has(existing.runtimeStatus)) {
          inst.inbox.push({ kind: "subFailed", seq: work.id, reason: `An Orchestration instance with the status ${existing.runtimeStatus} already exists.`, details: "" });
          return;
        }
        createInstance(this.core, work.name, childId, JSON.stringify(work.input ?? null), { instanceId: inst.instanceId, executionId: inst.executionId, seq: work.id });
        return;
      }
    }
  }

  private currentWork(ref: ActivityRef) {
    const inst = this.instances.get(ref.instanceId);
    return inst?.executionId === ref.executionId ? inst.work.find((w) => w.seq === ref.seq) : undefined;
  }

  private deliverActivityResult(ref: ActivityRef, message: InboxMessage): void {
    const inst = this.instances.get(ref.instanceId);
    if (this.stopped || !inst || inst.executionId !== ref.executionId || !inst.work.some((w) => w.seq === ref.seq)) return;
    inst.work = inst.work.filter((w) => w.seq !== ref.seq);
    if (!terminalStatuses.has(inst.runtimeStatus)) {
      inst.inbox.push(message);
      this.markReady(inst);
    }
    this.touch(inst);
  }
}

/** Episodes never run "before" an earlier one, even if the clock was set back. */
function lastEpisodeTime(inst: InstanceState): number {
  for (let i = inst.history.length - 1; i >= 0; i--) {
    const event = inst.history[i];
    if (event?.EventType === EventType.OrchestratorStarted) return Date.parse(event.Timestamp);
  }
  return 0;
}
