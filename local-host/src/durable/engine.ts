import { randomUUID } from "node:crypto";
import type { Journal } from "../store/journal";
import type { VirtualClock } from "../time/clock";
import { ActionType, decodeActionInput, flattenActions, identify, nonDeterminismMessage, type ActionIdentity, type SdkAction } from "./actions";
import { EventType, historyEvent } from "./history";
import { callOrchestrator, type OrchestrationPayload } from "./orchestrator-call";
import { nextRetryDelay } from "./retry";
import { terminalStatuses, type HistoryEvent, type InboxMessage, type InstanceState, type ScheduledItem } from "./types";

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
  log: (level: "info" | "warn" | "error", message: string) => void;
  onEpisode?: (latencyMs: number) => void;
}

/** The result of a management operation on one instance. */
export type OperationResult = "accepted" | "notFound" | "gone";

const maxShortTimerMs = 6 * 86_400_000;
const longTimerIntervalMs = 3 * 86_400_000;
const journalType = "instance";

/** Runs durable orchestrations: replays them through the SDK, schedules their work, persists every step. */
export class DurableEngine {
  readonly instances = new Map<string, InstanceState>();
  private readonly ready = new Set<string>();
  private readonly readySince = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly activityQueue: Array<{ instanceId: string; executionId: string; seq: number }> = [];
  private activitiesRunning = 0;
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
  }

  /** Restores every instance from the journal and resumes its pending work (activities run again). */
  restore(): void {
    for (const record of this.opts.journal.records(journalType)) {
      const inst = record.v as InstanceState;
      this.instances.set(inst.instanceId, inst);
    }
    for (const inst of this.instances.values()) {
      if (terminalStatuses.has(inst.runtimeStatus)) continue;
      for (const work of inst.work) this.enqueueActivity(inst, work.seq);
      this.markReady(inst);
    }
    this.pumpActivities();
    this.onTimersChanged();
  }

  /** Stops starting new work (in-flight calls finish but their results are not applied). */
  stop(): void {
    this.stopped = true;
  }

  /** Persists everything changed so far and resolves when it is on disk. */
  commit(): Promise<void> {
    return this.opts.journal.durable();
  }

  /** Starts (or, if the existing one is not running, replaces) an instance; returns the blocking status on conflict. */
  start(name: string, instanceId: string, inputJson: string | null): { conflict?: string } {
    const existing = this.instances.get(instanceId);
    if (existing && !terminalStatuses.has(existing.runtimeStatus)) return { conflict: existing.runtimeStatus };
    this.createInstance(name, instanceId, inputJson, undefined);
    return {};
  }

  /** Queues an external event for an instance (kept until the orchestrator waits for it). */
  raiseEvent(instanceId: string, name: string, inputJson: string | null): OperationResult {
    const inst = this.instances.get(instanceId);
    if (!inst) return "notFound";
    if (terminalStatuses.has(inst.runtimeStatus)) return "gone";
    inst.inbox.push({ kind: "event", name, input: inputJson });
    this.touch(inst);
    this.markReady(inst);
    return "accepted";
  }

  /** Terminates an instance that is not already finished. */
  terminate(instanceId: string, reason: string): OperationResult {
    const inst = this.instances.get(instanceId);
    if (!inst) return "notFound";
    if (terminalStatuses.has(inst.runtimeStatus)) return "gone";
    const now = this.opts.clock.now();
    inst.history.push(historyEvent(EventType.ExecutionTerminated, now, { Input: JSON.stringify(reason) }));
    this.finish(inst, "Terminated", JSON.stringify(reason));
    this.notifyParent(inst, false, `Orchestration '${inst.instanceId}' was terminated: ${reason}`);
    return "accepted";
  }

  /** Suspends a running instance: its messages queue up until it is resumed. */
  suspend(instanceId: string, reason: string): OperationResult {
    const inst = this.instances.get(instanceId);
    if (!inst) return "notFound";
    if (terminalStatuses.has(inst.runtimeStatus)) return "gone";
    if (inst.runtimeStatus !== "Suspended") {
      inst.history.push(historyEvent(EventType.ExecutionSuspended, this.opts.clock.now(), { Reason: reason }));
      inst.runtimeStatus = "Suspended";
      this.touch(inst);
    }
    return "accepted";
  }

  /** Resumes a suspended instance. */
  resume(instanceId: string, reason: string): OperationResult {
    const inst = this.instances.get(instanceId);
    if (!inst) return "notFound";
    if (terminalStatuses.has(inst.runtimeStatus)) return "gone";
    if (inst.runtimeStatus === "Suspended") {
      inst.history.push(historyEvent(EventType.ExecutionResumed, this.opts.clock.now(), { Reason: reason }));
      inst.runtimeStatus = inst.history.some((e) => e.EventType === EventType.OrchestratorStarted) ? "Running" : "Pending";
      this.touch(inst);
      this.markReady(inst);
    }
    return "accepted";
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

  /** Fires every durable timer due at or before `upTo`. */
  fireTimers(upTo: number): void {
    for (const inst of this.instances.values()) {
      if (terminalStatuses.has(inst.runtimeStatus)) continue;
      const due = inst.timers.filter((t) => t.fireAt <= upTo).sort((a, b) => a.fireAt - b.fireAt);
      if (due.length === 0) continue;
      inst.timers = inst.timers.filter((t) => t.fireAt > upTo);
      if (inst.completion) {
        if (inst.timers.length === 0) this.completeNow(inst, inst.completion.output);
      } else {
        for (const timer of due) inst.inbox.push({ kind: "timerFired", seq: timer.seq, fireAt: timer.fireAt });
        this.markReady(inst);
      }
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
    return (
      !this.pumping && this.ready.size === 0 && this.activityQueue.length === 0 && this.activitiesRunning === 0 && this.externalWork === 0
    );
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

  private createInstance(name: string, instanceId: string, inputJson: string | null, parent: InstanceState["parent"]): InstanceState {
    const now = this.opts.clock.now();
    const inst: InstanceState = {
      instanceId,
      name,
      executionId: randomUUID(),
      input: inputJson,
      runtimeStatus: "Pending",
      createdTime: now,
      lastUpdatedTime: now,
      output: null,
      customStatus: null,
      history: [],
      items: [],
      roles: {},
      nextSeq: 0,
      inbox: [],
      timers: [],
      work: [],
      needsFirstEpisode: true,
      ...(parent ? { parent } : {}),
    };
    inst.history.push(this.executionStarted(inst, now));
    this.instances.set(instanceId, inst);
    this.touch(inst);
    this.markReady(inst);
    this.onTimersChanged();
    return inst;
  }

  private executionStarted(inst: InstanceState, now: number): HistoryEvent {
    return historyEvent(EventType.ExecutionStarted, now, {
      Name: inst.name,
      Input: inst.input ?? undefined,
      OrchestrationInstance: { InstanceId: inst.instanceId, ExecutionId: inst.executionId },
      ...(inst.parent ? { ParentInstance: { OrchestrationInstance: { InstanceId: inst.parent.instanceId } } } : {}),
    });
  }

  private runnable(inst: InstanceState): boolean {
    return (
      (inst.runtimeStatus === "Pending" || inst.runtimeStatus === "Running") &&
      !inst.completion &&
      (inst.needsFirstEpisode || inst.inbox.length > 0)
    );
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
      while (this.ready.size > 0 && !this.stopped) {
        for (const id of [...this.ready]) {
          this.ready.delete(id);
          const inst = this.instances.get(id);
          if (!inst || !this.runnable(inst)) continue;
          await this.runEpisode(inst);
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

  /** Whether a message makes the SDK consume a sequence number before the generator resumes. */
  private consumesSeq(inst: InstanceState, message: InboxMessage, now: number): boolean {
    if (message.kind === "event") return false;
    const role = inst.roles[message.seq];
    const item = role ? inst.items[role.item] : undefined;
    if (!role || !item) return false;
    if (message.kind === "taskFailed" || message.kind === "subFailed") return item.retry !== undefined;
    if (message.kind !== "timerFired") return false;
    if (role.role === "retryTimer") return item.attempt <= (item.retry?.maxNumberOfAttempts ?? 0);
    return isLongTimer(item) && (item.fireAt ?? 0) > now;
  }

  private async runEpisode(inst: InstanceState): Promise<void> {
    const now = Math.max(this.opts.clock.now(), lastEpisodeTime(inst));
    // At most one sequence-consuming message per episode, and only first: then the host assigns the same
    // sequence numbers the SDK will (it consumes that one before resuming the generator).
    const batch: InboxMessage[] = [];
    for (const [index, message] of inst.inbox.entries()) {
      if (index > 0 && this.consumesSeq(inst, message, now)) break;
      batch.push(message);
    }
    inst.inbox = inst.inbox.slice(batch.length);
    inst.needsFirstEpisode = false;
    const executionId = inst.executionId;

    const newEvents: HistoryEvent[] = [historyEvent(EventType.OrchestratorStarted, now)];
    const scheduled: HistoryEvent[] = [];
    for (const message of batch) this.applyMessage(inst, message, now, newEvents, scheduled);

    const history = [...inst.history.map((e) => ({ ...e, IsPlayed: true })), ...newEvents];
    const payload: OrchestrationPayload = {
      history: JSON.parse(JSON.stringify(history)) as HistoryEvent[],
      input: inst.input === null ? null : (JSON.parse(inst.input) as unknown),
      instanceId: inst.instanceId,
      isReplaying: inst.history.some((e) => e.EventType === EventType.OrchestratorStarted),
      parentInstanceId: inst.parent?.instanceId,
      upperSchemaVersion: 1,
      upperSchemaVersionNew: 2,
      longRunningTimerIntervalDuration: "3.00:00:00",
      maximumShortTimerDuration: "6.00:00:00",
      defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
    };
    const outcome = this.opts.invoker.hasOrchestration(inst.name)
      ? await callOrchestrator(() => this.opts.invoker.orchestrate(inst.name, payload, randomUUID()))
      : { ok: false as const, error: `The function '${inst.name}' doesn't exist or is not an orchestrator function.`, customStatus: undefined };
    // A terminate, purge or restart may have happened while the orchestrator ran.
    if (this.instances.get(inst.instanceId) !== inst || inst.executionId !== executionId || terminalStatuses.has(inst.runtimeStatus)) return;
    inst.history.push(...newEvents);
    if (inst.runtimeStatus === "Pending") inst.runtimeStatus = "Running";
    if (outcome.customStatus !== undefined) inst.customStatus = JSON.stringify(outcome.customStatus);
    if (!outcome.ok) {
      this.fail(inst, `Orchestrator function '${inst.name}' failed: ${outcome.error}`);
      return;
    }
    let flat: Array<{ action: SdkAction; id: ActionIdentity }>;
    let continueAsNew: SdkAction | undefined;
    try {
      flat = [];
      for (const action of flattenActions(outcome.actions)) {
        if (action.actionType === ActionType.ContinueAsNew) continueAsNew = action;
        const id = identify(action);
        if (id) flat.push({ action, id });
      }
    } catch (error) {
      this.fail(inst, `Orchestrator function '${inst.name}' failed: ${(error as Error).message}`);
      return;
    }
    for (const [index, item] of inst.items.entries()) {
      const current = flat[index];
      if (!current || current.id.kind !== item.kind || current.id.name !== item.name) {
        this.fail(inst, nonDeterminismMessage(item.seq, { kind: item.kind, name: item.name }, current?.id));
        return;
      }
      if (item.kind === "timer" && current.action.isCanceled && !item.canceled) this.cancelTimer(inst, index);
    }
    for (const { action, id } of flat.slice(inst.items.length)) this.scheduleNew(inst, action, id, now, scheduled);
    inst.history.push(...scheduled, historyEvent(EventType.OrchestratorCompleted, now));
    this.touch(inst);
    if (outcome.isDone) {
      if (continueAsNew) this.continueAsNew(inst, decodeActionInput(continueAsNew));
      else this.complete(inst, outcome.output === undefined ? null : JSON.stringify(outcome.output));
    }
    this.pumpActivities();
    this.onTimersChanged();
  }

  private applyMessage(inst: InstanceState, message: InboxMessage, now: number, events: HistoryEvent[], scheduled: HistoryEvent[]): void {
    if (message.kind === "event") {
      events.push(historyEvent(EventType.EventRaised, now, { Name: message.name, Input: message.input ?? undefined }));
      return;
    }
    const role = inst.roles[message.seq];
    const item = role ? inst.items[role.item] : undefined;
    if (!role || !item) return;
    switch (message.kind) {
      case "taskCompleted":
      case "subCompleted":
        events.push(
          historyEvent(message.kind === "taskCompleted" ? EventType.TaskCompleted : EventType.SubOrchestrationInstanceCompleted, now, {
            TaskScheduledId: message.seq,
            Result: message.result,
          }),
        );
        item.done = true;
        return;
      case "taskFailed":
      case "subFailed": {
        events.push(
          historyEvent(message.kind === "taskFailed" ? EventType.TaskFailed : EventType.SubOrchestrationInstanceFailed, now, {
            TaskScheduledId: message.seq,
            Reason: message.reason,
            Details: message.details,
          }),
        );
        if (!item.retry) {
          item.done = true;
          return;
        }
        item.attempt++;
        item.lastFailure = { reason: message.reason, details: message.details };
        const delay = nextRetryDelay(item.retry, item.attempt - 1, item.firstAttemptAt, now);
        // Past the retry timeout the SDK still waits for a retry timer; remaining attempts then fail at once.
        if (delay === undefined) item.retryExpired = true;
        const seq = inst.nextSeq++;
        inst.roles[seq] = { item: role.item, role: "retryTimer" };
        const fireAt = now + (delay ?? 0);
        scheduled.push(historyEvent(EventType.TimerCreated, now, { FireAt: new Date(fireAt).toISOString() }, seq));
        inst.timers.push({ seq, fireAt });
        return;
      }
      case "timerFired": {
        events.push(historyEvent(EventType.TimerFired, now, { TimerId: message.seq, FireAt: new Date(message.fireAt).toISOString() }));
        if (role.role === "retryTimer") {
          if (item.attempt <= (item.retry?.maxNumberOfAttempts ?? 0)) this.startAttempt(inst, role.item, inst.nextSeq++, now, scheduled);
          else item.done = true;
          return;
        }
        if (isLongTimer(item) && (item.fireAt ?? 0) > now) {
          const seq = inst.nextSeq++;
          inst.roles[seq] = { item: role.item, role: "timer" };
          const fireAt = subTimerFireAt(item.fireAt ?? now, now);
          scheduled.push(historyEvent(EventType.TimerCreated, now, { FireAt: new Date(fireAt).toISOString() }, seq));
          inst.timers.push({ seq, fireAt });
        } else {
          item.done = true;
        }
        return;
      }
    }
  }

  private scheduleNew(inst: InstanceState, action: SdkAction, id: ActionIdentity, now: number, scheduled: HistoryEvent[]): void {
    const seq = inst.nextSeq++;
    const item: ScheduledItem = { kind: id.kind, name: id.name, seq, attempt: 1, firstAttemptAt: now };
    if (action.retryOptions) item.retry = { ...action.retryOptions };
    const index = inst.items.push(item) - 1;
    if (id.kind === "timer") {
      const fireAt = new Date(action.fireAt ?? now).getTime();
      item.fireAt = fireAt;
      if (fireAt - now > maxShortTimerMs) item.long = true;
      inst.roles[seq] = { item: index, role: "timer" };
      const first = item.long ? subTimerFireAt(fireAt, now) : fireAt;
      scheduled.push(historyEvent(EventType.TimerCreated, now, { FireAt: new Date(first).toISOString() }, seq));
      if (action.isCanceled) item.canceled = true;
      else inst.timers.push({ seq, fireAt: first });
      return;
    }
    item.input = decodeActionInput(action);
    if (action.instanceId) item.explicitChildId = action.instanceId;
    this.startAttempt(inst, index, seq, now, scheduled);
  }

  private startAttempt(inst: InstanceState, index: number, seq: number, now: number, scheduled: HistoryEvent[]): void {
    const item = inst.items[index];
    if (!item) return;
    inst.roles[seq] = { item: index, role: "attempt" };
    const inputJson = JSON.stringify(item.input ?? null);
    if (item.kind === "activity") {
      scheduled.push(historyEvent(EventType.TaskScheduled, now, { Name: item.name, Input: inputJson }, seq));
      if (item.retryExpired && item.lastFailure) {
        inst.inbox.push({ kind: "taskFailed", seq, ...item.lastFailure });
        return;
      }
      inst.work.push({ seq, name: item.name, input: item.input ?? null });
      this.enqueueActivity(inst, seq);
      return;
    }
    const childId = item.explicitChildId ?? `${inst.instanceId}:${seq.toString(16).padStart(4, "0")}`;
    item.childInstanceId = childId;
    scheduled.push(
      historyEvent(EventType.SubOrchestrationInstanceCreated, now, { Name: item.name, InstanceId: childId, Input: inputJson }, seq),
    );
    if (item.retryExpired && item.lastFailure) {
      inst.inbox.push({ kind: "subFailed", seq, ...item.lastFailure });
      return;
    }
    const existing = this.instances.get(childId);
    if (existing && !terminalStatuses.has(existing.runtimeStatus)) {
      inst.inbox.push({
        kind: "subFailed",
        seq,
        reason: `An Orchestration instance with the status ${existing.runtimeStatus} already exists.`,
        details: "",
      });
      return;
    }
    this.createInstance(item.name, childId, inputJson, { instanceId: inst.instanceId, executionId: inst.executionId, seq });
  }

  private cancelTimer(inst: InstanceState, index: number): void {
    const item = inst.items[index];
    if (!item) return;
    item.canceled = true;
    const seqs = new Set(Object.entries(inst.roles).filter(([, r]) => r.item === index).map(([seq]) => Number(seq)));
    inst.timers = inst.timers.filter((t) => !seqs.has(t.seq));
  }

  private enqueueActivity(inst: InstanceState, seq: number): void {
    this.activityQueue.push({ instanceId: inst.instanceId, executionId: inst.executionId, seq });
  }

  private pumpActivities(): void {
    while (!this.stopped && this.activitiesRunning < this.opts.activityConcurrency && this.activityQueue.length > 0) {
      const ref = this.activityQueue.shift();
      if (ref) void this.runActivity(ref);
    }
    this.checkIdle();
  }

  private async runActivity(ref: { instanceId: string; executionId: string; seq: number }): Promise<void> {
    const inst = this.instances.get(ref.instanceId);
    const work = inst?.executionId === ref.executionId ? inst.work.find((w) => w.seq === ref.seq) : undefined;
    if (!inst || !work) return;
    this.activitiesRunning++;
    let message: InboxMessage;
    try {
      const result = await this.opts.invoker.activity(work.name, work.input, randomUUID());
      message = { kind: "taskCompleted", seq: ref.seq, result: JSON.stringify(result ?? null) };
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      message = { kind: "taskFailed", seq: ref.seq, reason: `Activity function '${work.name}' failed: ${err.message}`, details: err.stack ?? "" };
    } finally {
      this.activitiesRunning--;
    }
    const current = this.instances.get(ref.instanceId);
    if (!this.stopped && current && current.executionId === ref.executionId && current.work.some((w) => w.seq === ref.seq)) {
      current.work = current.work.filter((w) => w.seq !== ref.seq);
      if (!terminalStatuses.has(current.runtimeStatus) && !current.completion) {
        current.inbox.push(message);
        this.markReady(current);
      }
      this.touch(current);
    }
    this.pumpActivities();
  }

  private continueAsNew(inst: InstanceState, input: unknown): void {
    const now = this.opts.clock.now();
    inst.executionId = randomUUID();
    inst.input = JSON.stringify(input ?? null);
    inst.items = [];
    inst.roles = {};
    inst.nextSeq = 0;
    inst.timers = [];
    inst.work = [];
    // Events still queued (not yet handed to the old execution) carry over; unprocessed ones in its history are dropped.
    inst.inbox = inst.inbox.filter((m) => m.kind === "event");
    inst.history = [];
    inst.history.push(this.executionStarted(inst, now));
    inst.needsFirstEpisode = true;
    inst.runtimeStatus = "Running";
    this.touch(inst);
    this.markReady(inst);
  }

  private complete(inst: InstanceState, output: string | null): void {
    inst.work = [];
    if (inst.timers.length > 0) {
      // Azure keeps an orchestration running until its uncancelled timers fire.
      inst.completion = { output };
      this.touch(inst);
      return;
    }
    this.completeNow(inst, output);
  }

  private completeNow(inst: InstanceState, output: string | null): void {
    inst.history.push(historyEvent(EventType.ExecutionCompleted, this.opts.clock.now(), { OrchestrationStatus: "Completed", Result: output ?? undefined }));
    this.finish(inst, "Completed", output);
    this.notifyParent(inst, true, output ?? "null");
  }

  private fail(inst: InstanceState, message: string): void {
    this.opts.log("warn", `Orchestration '${inst.instanceId}' (${inst.name}) failed: ${message}`);
    inst.history.push(historyEvent(EventType.ExecutionCompleted, this.opts.clock.now(), { OrchestrationStatus: "Failed", Result: JSON.stringify(message) }));
    this.finish(inst, "Failed", JSON.stringify(message));
    this.notifyParent(inst, false, message);
  }

  private finish(inst: InstanceState, status: "Completed" | "Failed" | "Terminated", output: string | null): void {
    inst.runtimeStatus = status;
    inst.output = output;
    inst.inbox = [];
    inst.timers = [];
    inst.work = [];
    delete inst.completion;
    this.ready.delete(inst.instanceId);
    this.touch(inst);
    this.onTimersChanged();
  }

  private notifyParent(child: InstanceState, ok: boolean, resultOrReason: string): void {
    if (!child.parent) return;
    const parent = this.instances.get(child.parent.instanceId);
    if (!parent || parent.executionId !== child.parent.executionId || terminalStatuses.has(parent.runtimeStatus)) return;
    const seq = child.parent.seq;
    parent.inbox.push(
      ok ? { kind: "subCompleted", seq, result: resultOrReason } : { kind: "subFailed", seq, reason: resultOrReason, details: "" },
    );
    this.touch(parent);
    this.markReady(parent);
  }
}

function isLongTimer(item: ScheduledItem): boolean {
  return item.kind === "timer" && item.long === true;
}

/** The next sub-timer of a long timer: one interval ahead, or the final fire time once within the short limit. */
function subTimerFireAt(finalFireAt: number, now: number): number {
  return finalFireAt - now > maxShortTimerMs ? now + longTimerIntervalMs : finalFireAt;
}

/** Episodes never run "before" an earlier one, even if the clock was set back. */
function lastEpisodeTime(inst: InstanceState): number {
  for (let i = inst.history.length - 1; i >= 0; i--) {
    const event = inst.history[i];
    if (event?.EventType === EventType.OrchestratorStarted) return Date.parse(event.Timestamp);
  }
  return 0;
}
