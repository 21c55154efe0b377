import { continueAsNewAction, decodeActionInput, topLevelActions } from "./actions";
import { replayExtension, type NewWork, type ReplayLimits, azureStorageLimits } from "./extension-replay";
import { EventType, historyEvent } from "./history";
import type { EpisodeOutcome, OrchestrationPayload } from "./orchestrator-call";
import type { HistoryEvent, InboxMessage, InstanceState } from "./types";

/*
 * One orchestrator episode as pure functions: the messages an instance received become history events
 * (openEpisode), and the SDK's answer, replayed the extension's way, becomes scheduling events, new work and
 * what happens to the instance (closeEpisode). The engine does the I/O around them.
 */

/** The history events of this episode's messages, after its OrchestratorStarted. */
export function openEpisode(messages: InboxMessage[], now: number): HistoryEvent[] {
  const events: HistoryEvent[] = [historyEvent(EventType.OrchestratorStarted, now)];
  for (const message of messages) events.push(messageEvent(message, now));
  return events;
}

function messageEvent(message: InboxMessage, now: number): HistoryEvent {
  switch (message.kind) {
    case "event":
      return historyEvent(EventType.EventRaised, now, { Name: message.name, Input: message.input ?? undefined });
    case "taskCompleted":
      return historyEvent(EventType.TaskCompleted, now, { TaskScheduledId: message.seq, Result: message.result });
    case "subCompleted":
      return historyEvent(EventType.SubOrchestrationInstanceCompleted, now, { TaskScheduledId: message.seq, Result: message.result });
    case "taskFailed":
      return historyEvent(EventType.TaskFailed, now, { TaskScheduledId: message.seq, Reason: message.reason, Details: message.details });
    case "subFailed":
      return historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
        TaskScheduledId: message.seq,
        Reason: message.reason,
        Details: message.details,
      });
    case "timerFired":
      return historyEvent(EventType.TimerFired, now, { TimerId: message.seq, FireAt: new Date(message.fireAt).toISOString() });
  }
}

/** The orchestration trigger payload the extension sends (schema V3: long timers split by the SDK too). */
export function orchestrationPayload(inst: InstanceState, history: HistoryEvent[], limits: ReplayLimits = azureStorageLimits): OrchestrationPayload {
  return {
    history: history.map((e, i) => ({ ...e, IsPlayed: i < inst.history.length })),
    input: inst.input === null ? null : (JSON.parse(inst.input) as unknown),
    instanceId: inst.instanceId,
    isReplaying: inst.history.some((e) => e.EventType === EventType.OrchestratorStarted),
    parentInstanceId: inst.parent?.instanceId,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: timeSpan(limits.longTimerIntervalMs),
    maximumShortTimerDuration: timeSpan(limits.maxShortTimerMs),
    defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
  };
}

function timeSpan(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = new Date(ms % 86_400_000).toISOString().slice(11, 19);
  return `${days}.${rest}`;
}

/** A new sub-orchestration's instance id: the one the orchestrator gave, else the parent's id and the sequence id. */
export function childInstanceId(parentId: string, work: Extract<NewWork, { kind: "subOrchestration" }>): string {
  return work.instanceId ?? `${parentId}:${work.id.toString(16).padStart(4, "0")}`;
}

/** What an episode decided. */
export type EpisodeDecision =
  | { end: "failed"; message: string }
  | {
      end: "running" | "completed" | "continuedAsNew";
      /** TaskScheduled / TimerCreated / SubOrchestrationInstanceCreated events for the new work, in id order. */
      scheduled: HistoryEvent[];
      work: NewWork[];
      /** Output JSON when completed; the new input when continued as new. */
      output: string | null;
      continueInput?: unknown;
    };

/**
 * Replays the SDK's answer the extension's way over `history` (which already holds this episode's new events) and
 * decides the instance's fate: failed (orchestrator error or non-determinism), running (more to wait for, including
 * an answer that is done while uncancelled timers are still pending, or while the extension's walk still awaits a
 * task), completed, or continued as new.
 */
export function closeEpisode(inst: InstanceState, history: HistoryEvent[], outcome: EpisodeOutcome, now: number, limits: ReplayLimits = azureStorageLimits): EpisodeDecision {
  const actions = topLevelActions(outcome.actions);
  let replay;
  try {
    replay = replayExtension(history, actions, limits);
  } catch (error) {
    return { end: "failed", message: `Orchestrator function '${inst.name}' failed: ${(error as Error).message}` };
  }
  if (!replay.ok) return { end: "failed", message: replay.error };
  const scheduled = replay.newWork.map((work) => scheduledEvent(inst, work, now));
  // The extension raises the orchestrator's error only after its walk over the actions returned.
  if (!outcome.ok && replay.walkDone) return { end: "failed", message: `Orchestrator function '${inst.name}' failed: ${outcome.error}` };
  if (outcome.ok && outcome.isDone && replay.walkDone) {
    const continueAsNew = continueAsNewAction(actions);
    if (continueAsNew) return { end: "continuedAsNew", scheduled, work: replay.newWork, output: null, continueInput: decodeActionInput(continueAsNew) };
    if (replay.openTimers === 0) {
      const output = outcome.output === undefined ? null : JSON.stringify(outcome.output);
      return { end: "completed", scheduled, work: replay.newWork, output };
    }
  }
  return { end: "running", scheduled, work: replay.newWork, output: null };
}

function scheduledEvent(inst: InstanceState, work: NewWork, now: number): HistoryEvent {
  switch (work.kind) {
    case "activity":
      return historyEvent(EventType.TaskScheduled, now, { Name: work.name, Input: JSON.stringify(work.input ?? null) }, work.id);
    case "timer":
      return historyEvent(EventType.TimerCreated, now, { FireAt: new Date(work.fireAt).toISOString() }, work.id);
    case "subOrchestration":
      return historyEvent(
        EventType.SubOrchestrationInstanceCreated,
        now,
        { Name: work.name, InstanceId: childInstanceId(inst.instanceId, work), Input: JSON.stringify(work.input ?? null) },
        work.id,
      );
  }
}
