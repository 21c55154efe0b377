import { EventType, historyEvent } from "./history";
import { createInstance, terminateInstance, type EngineCore } from "./instance-lifecycle";
import { terminalStatuses, type InstanceState } from "./types";

/** The result of a management operation on one instance. */
export type OperationResult = "accepted" | "notFound" | "gone";

/** The instance if it exists and is not finished, else why an operation on it cannot be accepted. */
function live(core: EngineCore, instanceId: string): InstanceState | "notFound" | "gone" {
  const inst = core.instances.get(instanceId);
  if (!inst) return "notFound";
  return terminalStatuses.has(inst.runtimeStatus) ? "gone" : inst;
}

/** Starts (or, if the existing one is not running, replaces) an instance; returns the blocking status on conflict. */
export function startInstance(core: EngineCore, name: string, instanceId: string, inputJson: string | null): { conflict?: string } {
  const existing = core.instances.get(instanceId);
  if (existing && !terminalStatuses.has(existing.runtimeStatus)) return { conflict: existing.runtimeStatus };
  createInstance(core, name, instanceId, inputJson, undefined);
  return {};
}

/** Queues an external event (kept until the orchestrator waits for it). */
export function raiseEvent(core: EngineCore, instanceId: string, name: string, inputJson: string | null): OperationResult {
  const inst = live(core, instanceId);
  if (typeof inst === "string") return inst;
  inst.inbox.push({ kind: "event", name, input: inputJson });
  core.touch(inst);
  core.markReady(inst);
  return "accepted";
}

/** Terminates an instance that is not already finished. */
export function terminate(core: EngineCore, instanceId: string, reason: string): OperationResult {
  const inst = live(core, instanceId);
  if (typeof inst === "string") return inst;
  terminateInstance(core, inst, reason);
  return "accepted";
}

/** Suspends a running instance: its messages queue up until it is resumed. */
export function suspend(core: EngineCore, instanceId: string, reason: string): OperationResult {
  const inst = live(core, instanceId);
  if (typeof inst === "string") return inst;
  if (inst.runtimeStatus !== "Suspended") {
    inst.history.push(historyEvent(EventType.ExecutionSuspended, core.clock.now(), { Reason: reason }));
    inst.runtimeStatus = "Suspended";
    core.touch(inst);
  }
  return "accepted";
}

/** Resumes a suspended instance. */
export function resume(core: EngineCore, instanceId: string, reason: string): OperationResult {
  const inst = live(core, instanceId);
  if (typeof inst === "string") return inst;
  if (inst.runtimeStatus === "Suspended") {
    inst.history.push(historyEvent(EventType.ExecutionResumed, core.clock.now(), { Reason: reason }));
    inst.runtimeStatus = inst.history.some((e) => e.EventType === EventType.OrchestratorStarted) ? "Running" : "Pending";
    core.touch(inst);
    core.markReady(inst);
  }
  return "accepted";
}
