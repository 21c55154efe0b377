import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../time/clock";
import { EventType, historyEvent } from "./history";
import { terminalStatuses, type HistoryEvent, type InstanceState } from "./types";

/** The engine services that creating and finishing instances need. */
export interface EngineCore {
  readonly instances: Map<string, InstanceState>;
  readonly clock: VirtualClock;
  /** Records that an instance changed (persisted at the next flush). */
  touch(inst: InstanceState): void;
  /** Queues an instance for an episode if it has something to do. */
  markReady(inst: InstanceState): void;
  /** Takes an instance off the ready set. */
  unready(instanceId: string): void;
  /** Tells the scheduler the earliest timer may have moved. */
  timersChanged(): void;
  log(level: "info" | "warn" | "error", message: string): void;
}

/** Creates a Pending instance with its ExecutionStarted event and queues its first episode. */
export function createInstance(core: EngineCore, name: string, instanceId: string, inputJson: string | null, parent: InstanceState["parent"]): InstanceState {
  const now = core.clock.now();
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
    inbox: [],
    timers: [],
    work: [],
    needsFirstEpisode: true,
    ...(parent ? { parent } : {}),
  };
  inst.history.push(executionStarted(inst, now));
  core.instances.set(instanceId, inst);
  core.touch(inst);
  core.markReady(inst);
  core.timersChanged();
  return inst;
}

function executionStarted(inst: InstanceState, now: number): HistoryEvent {
  return historyEvent(EventType.ExecutionStarted, now, {
    Name: inst.name,
    Input: inst.input ?? undefined,
    OrchestrationInstance: { InstanceId: inst.instanceId, ExecutionId: inst.executionId },
    ...(inst.parent ? { ParentInstance: { OrchestrationInstance: { InstanceId: inst.parent.instanceId } } } : {}),
  });
}

/** Starts a fresh execution with a new input; events still queued carry over, those already handed over are dropped. */
export function continueAsNew(core: EngineCore, inst: InstanceState, input: unknown): void {
  const now = core.clock.now();
  inst.executionId = randomUUID();
  inst.input = JSON.stringify(input ?? null);
  inst.timers = [];
  inst.work = [];
  // Azure's preserveUnprocessedEvents: false: only messages not yet in the old history survive.
  inst.inbox = inst.inbox.filter((m) => m.kind === "event");
  inst.history = [executionStarted(inst, now)];
  inst.needsFirstEpisode = true;
  inst.runtimeStatus = "Running";
  core.touch(inst);
  core.markReady(inst);
  core.timersChanged();
}

/** Completes an instance with its output and tells its parent. */
export function completeInstance(core: EngineCore, inst: InstanceState, output: string | null): void {
  inst.history.push(historyEvent(EventType.ExecutionCompleted, core.clock.now(), { OrchestrationStatus: "Completed", Result: output ?? undefined }));
  finish(core, inst, "Completed", output);
  notifyParent(core, inst, true, output ?? "null");
}

/** Fails an instance with a message and tells its parent. */
export function failInstance(core: EngineCore, inst: InstanceState, message: string): void {
  core.log("warn", `Orchestration '${inst.instanceId}' (${inst.name}) failed: ${message}`);
  inst.history.push(historyEvent(EventType.ExecutionCompleted, core.clock.now(), { OrchestrationStatus: "Failed", Result: JSON.stringify(message) }));
  finish(core, inst, "Failed", JSON.stringify(message));
  notifyParent(core, inst, false, message);
}

/** Terminates an instance with a reason and tells its parent. */
export function terminateInstance(core: EngineCore, inst: InstanceState, reason: string): void {
  inst.history.push(historyEvent(EventType.ExecutionTerminated, core.clock.now(), { Input: JSON.stringify(reason) }));
  finish(core, inst, "Terminated", JSON.stringify(reason));
  notifyParent(core, inst, false, `Orchestration '${inst.instanceId}' was terminated: ${reason}`);
}

function finish(core: EngineCore, inst: InstanceState, status: "Completed" | "Failed" | "Terminated", output: string | null): void {
  inst.runtimeStatus = status;
  inst.output = output;
  // Messages to a finished instance are discarded, as the provider discards them.
  inst.inbox = [];
  inst.timers = [];
  inst.work = [];
  core.unready(inst.instanceId);
  core.touch(inst);
  core.timersChanged();
}

function notifyParent(core: EngineCore, child: InstanceState, ok: boolean, resultOrReason: string): void {
  if (!child.parent) return;
  const parent = core.instances.get(child.parent.instanceId);
  if (!parent || parent.executionId !== child.parent.executionId || terminalStatuses.has(parent.runtimeStatus)) return;
  const seq = child.parent.seq;
  parent.inbox.push(ok ? { kind: "subCompleted", seq, result: resultOrReason } : { kind: "subFailed", seq, reason: resultOrReason, details: "" });
  core.touch(parent);
  core.markReady(parent);
}
