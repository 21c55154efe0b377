import { describe, expect, it } from "vitest";
import { ActionType, type SdkAction } from "../src/durable/actions";
import { closeEpisode, openEpisode } from "../src/durable/episode";
import { replayExtension } from "../src/durable/extension-replay";
import { EventType, historyEvent } from "../src/durable/history";
import type { EpisodeOutcome } from "../src/durable/orchestrator-call";
import type { HistoryEvent, InstanceState } from "../src/durable/types";

const DAY = 86_400_000;
const t0 = Date.parse("2026-01-01T00:00:00Z");

const activity = (name: string, input: unknown = null): SdkAction => ({ actionType: ActionType.CallActivity, functionName: name, input: JSON.stringify(input) });
const timer = (fireAt: number, isCanceled = false): SdkAction => ({ actionType: ActionType.CreateTimer, fireAt: new Date(fireAt).toISOString(), isCanceled });
const wait = (name: string): SdkAction => ({ actionType: ActionType.WaitForExternalEvent, externalEventName: name });
const any = (...children: SdkAction[]): SdkAction => ({ actionType: ActionType.WhenAny, compoundActions: children });
const withRetry = (name: string, first: number, attempts: number, timeoutMs?: number): SdkAction => ({
  actionType: ActionType.CallActivityWithRetry,
  functionName: name,
  input: "null",
  retryOptions: { firstRetryIntervalInMilliseconds: first, maxNumberOfAttempts: attempts, ...(timeoutMs ? { retryTimeoutInMilliseconds: timeoutMs } : {}) },
});

/** A history builder: episodes of events at given times. */
class History {
  readonly events: HistoryEvent[] = [historyEvent(EventType.ExecutionStarted, t0, { Name: "o" })];
  episode(at: number, ...events: HistoryEvent[]): this {
    this.events.push(historyEvent(EventType.OrchestratorStarted, at), ...events);
    return this;
  }
  scheduled(at: number, id: number, name: string): HistoryEvent {
    return historyEvent(EventType.TaskScheduled, at, { Name: name }, id);
  }
  timerCreated(at: number, id: number, fireAt: number): HistoryEvent {
    return historyEvent(EventType.TimerCreated, at, { FireAt: new Date(fireAt).toISOString() }, id);
  }
}
const completed = (at: number, id: number) => historyEvent(EventType.TaskCompleted, at, { TaskScheduledId: id, Result: "null" });
const failed = (at: number, id: number) => historyEvent(EventType.TaskFailed, at, { TaskScheduledId: id, Reason: "x", Details: "" });
const fired = (at: number, id: number) => historyEvent(EventType.TimerFired, at, { TimerId: id });
const raised = (at: number, name: string) => historyEvent(EventType.EventRaised, at, { Name: name });

function newWork(history: HistoryEvent[], actions: SdkAction[]) {
  const result = replayExtension(history, actions);
  if (!result.ok) throw new Error(result.error);
  return result.newWork;
}

describe("the extension's replay (pure: history and the SDK's actions in, new work out)", () => {
  it("walks the cumulative action list, scheduling the next action only after the previous one completed", () => {
    const h = new History().episode(t0);
    expect(newWork(h.events, [activity("a")])).toEqual([{ kind: "activity", id: 0, name: "a", input: null }]);
    h.events.push(h.scheduled(t0, 0, "a"));
    h.episode(t0 + 1000, completed(t0 + 1000, 0));
    expect(newWork(h.events, [activity("a"), activity("b")])).toEqual([{ kind: "activity", id: 1, name: "b", input: null }]);
  });

  it("checks sequence ids and kinds against history, not only names by position", () => {
    const h = new History().episode(t0, new History().scheduled(t0, 0, "a")).episode(t0, completed(t0, 0));
    expect(replayExtension(h.events, [activity("b")])).toMatchObject({ ok: false, error: expect.stringContaining("Non-Deterministic workflow detected") });
    expect(replayExtension(h.events, [timer(t0 + DAY)])).toMatchObject({ ok: false, error: expect.stringContaining("instead scheduled a durable timer") });
    const timerFirst = new History().episode(t0, new History().timerCreated(t0, 0, t0 + DAY));
    expect(replayExtension(timerFirst.events, [activity("a")])).toMatchObject({ ok: false, error: expect.stringContaining("sequence ID 0") });
    expect(replayExtension(timerFirst.events, [])).toMatchObject({ ok: false, error: expect.stringContaining("hasn't (yet?) scheduled") });
  });

  it("schedules a timer re-sent in a second Task.any again, with a new id", () => {
    const t = timer(t0 + 2 * DAY);
    const h = new History().episode(t0, new History().timerCreated(t0, 0, t0 + 2 * DAY)).episode(t0 + 1000, raised(t0 + 1000, "a"));
    expect(newWork(h.events, [any(wait("a"), t), any(wait("b"), t)])).toEqual([{ kind: "timer", id: 1, fireAt: t0 + 2 * DAY }]);
  });

  it("creates a timer the orchestrator cancelled in the same episode (its message still goes out)", () => {
    const h = new History().episode(t0, raised(t0, "go"));
    expect(newWork(h.events, [any(wait("go"), timer(t0 + DAY, true)), activity("next")])).toEqual([
      { kind: "timer", id: 0, fireAt: t0 + DAY },
      { kind: "activity", id: 1, name: "next", input: null },
    ]);
  });

  it("slices a long timer (3-day slices, the final one once less than 3 days remain); a cancelled one only its first slice", () => {
    const fireAt = t0 + 10 * DAY;
    const h = new History().episode(t0);
    expect(newWork(h.events, [timer(fireAt)])).toEqual([{ kind: "timer", id: 0, fireAt: t0 + 3 * DAY }]);
    h.events.push(h.timerCreated(t0, 0, t0 + 3 * DAY));
    h.episode(t0 + 3 * DAY, fired(t0 + 3 * DAY, 0));
    expect(newWork(h.events, [timer(fireAt)])).toEqual([{ kind: "timer", id: 1, fireAt: t0 + 6 * DAY }]);
    h.events.push(h.timerCreated(t0 + 3 * DAY, 1, t0 + 6 * DAY));
    h.episode(t0 + 6 * DAY, fired(t0 + 6 * DAY, 1));
    expect(newWork(h.events, [timer(fireAt)])).toEqual([{ kind: "timer", id: 2, fireAt: t0 + 9 * DAY }]);
    // Cancelled on day 4 (after slice 0 fired): replay creates slice 0 only, so the activity takes slice 1's id.
    const cancelled = new History()
      .episode(t0, new History().timerCreated(t0, 0, t0 + 3 * DAY))
      .episode(t0 + 3 * DAY, fired(t0 + 3 * DAY, 0), new History().timerCreated(t0 + 3 * DAY, 1, t0 + 6 * DAY))
      .episode(t0 + 4 * DAY, raised(t0 + 4 * DAY, "go"));
    expect(replayExtension(cancelled.events, [any(wait("go"), timer(fireAt, true)), activity("next")])).toMatchObject({
      ok: false,
      error: expect.stringContaining("instead scheduled an activity task named 'next'"),
    });
  });

  it("hands an event to the newest waiter of its name and buffers events nobody waits for, in order", () => {
    // The first race for "x" was won by its timer, so its wait is still pending when the second wait is made:
    // one "x" resolves the newer wait, so the walk goes on to the activity (handing it to the older would stall it).
    const h = new History().episode(t0, new History().timerCreated(t0, 0, t0 + 1)).episode(t0 + 1, fired(t0 + 1, 0), raised(t0 + 1, "x"));
    expect(newWork(h.events, [any(wait("x"), timer(t0 + 1)), wait("x"), activity("after")])).toEqual([{ kind: "activity", id: 1, name: "after", input: null }]);
    const buffered = new History().episode(t0, raised(t0, "x"));
    expect(newWork(buffered.events, [wait("x"), activity("after")])).toEqual([{ kind: "activity", id: 0, name: "after", input: null }]);
  });

  it("retries as DTFx's RetryInterceptor: a timer after every failure, the last included; none past the retry timeout", () => {
    const h = new History().episode(t0, new History().scheduled(t0, 0, "f")).episode(t0 + 10, failed(t0 + 10, 0));
    expect(newWork(h.events, [withRetry("f", 1000, 2)])).toEqual([{ kind: "timer", id: 1, fireAt: t0 + 1010 }]);
    h.events.push(new History().timerCreated(t0 + 10, 1, t0 + 1010));
    h.episode(t0 + 1010, fired(t0 + 1010, 1));
    expect(newWork(h.events, [withRetry("f", 1000, 2)])).toEqual([{ kind: "activity", id: 2, name: "f", input: null }]);
    h.events.push(new History().scheduled(t0 + 1010, 2, "f"));
    h.episode(t0 + 1020, failed(t0 + 1020, 2));
    expect(newWork(h.events, [withRetry("f", 1000, 2)])).toEqual([{ kind: "timer", id: 3, fireAt: t0 + 2020 }]);
    const expired = new History().episode(t0, new History().scheduled(t0, 0, "f")).episode(t0 + 5000, failed(t0 + 5000, 0));
    expect(replayExtension(expired.events, [withRetry("f", 1000, 3, 2000)])).toMatchObject({ ok: true, newWork: [], walkDone: true });
  });
});

describe("an episode (pure: messages and the SDK's answer in, history events and the instance's fate out)", () => {
  const inst = { instanceId: "i", name: "o", history: [] } as unknown as InstanceState;
  const outcome = (actions: SdkAction[], isDone: boolean, output?: unknown): EpisodeOutcome => ({ ok: true, isDone, actions: [actions], output, customStatus: undefined });

  it("turns messages into history events after an OrchestratorStarted", () => {
    const events = openEpisode([{ kind: "event", name: "e", input: "1" }, { kind: "timerFired", seq: 3, fireAt: t0 }], t0);
    expect(events.map((e) => [e.EventType, e.Name ?? e.TimerId ?? null])).toEqual([[EventType.OrchestratorStarted, null], [EventType.EventRaised, "e"], [EventType.TimerFired, 3]]);
  });

  it("keeps a finished orchestrator running while an uncancelled timer is pending, and completes once it fired", () => {
    const h = new History().episode(t0, raised(t0, "go"));
    const actions = [any(wait("go"), timer(t0 + DAY))];
    const first = closeEpisode(inst, h.events, outcome(actions, true, "done"), t0);
    expect(first).toMatchObject({ end: "running", scheduled: [{ EventType: EventType.TimerCreated, EventId: 0 }] });
    h.events.push(new History().timerCreated(t0, 0, t0 + DAY));
    h.episode(t0 + DAY, fired(t0 + DAY, 0));
    expect(closeEpisode(inst, h.events, outcome(actions, true, "done"), t0 + DAY)).toMatchObject({ end: "completed", output: '"done"' });
  });

  it("fails on non-determinism and on an orchestrator error once the walk is done", () => {
    const h = new History().episode(t0, new History().scheduled(t0, 0, "a")).episode(t0, completed(t0, 0));
    expect(closeEpisode(inst, h.events, outcome([activity("b")], false), t0)).toMatchObject({ end: "failed", message: expect.stringContaining("Non-Deterministic") });
    const error: EpisodeOutcome = { ok: false, error: "boom", customStatus: undefined, actions: [[activity("a")]] };
    expect(closeEpisode(inst, h.events, error, t0)).toMatchObject({ end: "failed", message: "Orchestrator function 'o' failed: boom" });
  });
});
