import { ActionType, decodeActionInput, type SdkAction } from "./actions";
import { EventType } from "./history";
import type { HistoryEvent, RetryPolicy } from "./types";

/*
 * What the Durable extension does with an out-of-process orchestrator's answer, replayed as a pure function.
 *
 * Every episode the extension (OutOfProcOrchestrationShim, schema V2/V3: ProcessAsyncActionsV2) walks the SDK's
 * *cumulative* action list through its own .NET orchestration context, invoking one action and awaiting it before the
 * next, while the Durable Task Framework (TaskOrchestrationExecutor / TaskOrchestrationContext) replays the history:
 * each scheduling event must find an action with the same sequence id and kind (else non-determinism), each
 * completion resolves the open task with that id (unknown ids are ignored), each raised event resolves the newest
 * waiter of that name (DurableOrchestrationContext keeps a stack) or is buffered. Sequence ids are handed out in the
 * order the .NET side creates tasks, which is not always the order the SDK numbers its own tasks: where they drift
 * apart on Azure, they drift apart here too. Hand-written because no library models the extension.
 */

/** Timer limits the extension uses for the Azure Storage provider. */
export interface ReplayLimits {
  /** Longer timers are split by the extension (DurableOrchestrationContext.CreateTimer): 6 days. */
  maxShortTimerMs: number;
  /** Length of each slice of a long timer: 3 days. */
  longTimerIntervalMs: number;
}

/** The Azure Storage provider's limits. */
export const azureStorageLimits: ReplayLimits = { maxShortTimerMs: 6 * 86_400_000, longTimerIntervalMs: 3 * 86_400_000 };

/** Something the extension schedules in this episode (not yet in history). */
export type NewWork =
  | { kind: "activity"; id: number; name: string; input: unknown }
  | { kind: "timer"; id: number; fireAt: number }
  | { kind: "subOrchestration"; id: number; name: string; input: unknown; instanceId: string | undefined };

/** The result of replaying one episode on the extension's side. */
export type ReplayResult =
  | {
      ok: true;
      /** Scheduling actions with no matching event in history, in id order: this episode's new work. */
      newWork: NewWork[];
      /** Timers neither fired nor cancelled: Azure keeps the instance running until they fire. */
      openTimers: number;
      /** Whether the extension's walk over the action list reached its end (else it is still awaiting a task). */
      walkDone: boolean;
    }
  | { ok: false; error: string };

class NonDeterminism extends Error {}

/** A .NET task in the replay: completes once, successfully or not; continuations run inline (as DTFx does). */
class Op {
  done = false;
  failed = false;
  private readonly continuations: Array<() => void> = [];

  then(next: () => void): void {
    if (this.done) next();
    else this.continuations.push(next);
  }

  settle(failed: boolean): void {
    if (this.done) return;
    this.done = true;
    this.failed = failed;
    for (const next of this.continuations.splice(0)) next();
  }

  static settled(failed = false): Op {
    const op = new Op();
    op.settle(failed);
    return op;
  }
}

type Scheduled =
  | { kind: "activity"; name: string; input: unknown }
  | { kind: "timer"; fireAt: number }
  | { kind: "subOrchestration"; name: string; input: unknown; instanceId: string | undefined };

const kindNames: Record<Scheduled["kind"], string> = { activity: "an activity task", timer: "a durable timer", subOrchestration: "a sub-orchestration" };

class ExtensionContext {
  now = 0;
  private nextId = 0;
  /** Scheduling actions created in this replay and not yet matched by a history event (DTFx orchestratorActionsMap). */
  readonly pending = new Map<number, Scheduled>();
  /** Open tasks by sequence id (DTFx openTasks). */
  private readonly open = new Map<number, { op: Op; timer: boolean }>();
  private readonly waiters = new Map<string, Op[]>();
  private readonly buffered = new Map<string, number>();

  constructor(private readonly limits: ReplayLimits) {}

  openTimerCount(): number {
    return [...this.open.values()].filter((t) => t.timer).length;
  }

  scheduleTask(name: string, input: unknown): Op {
    const id = this.nextId++;
    this.pending.set(id, { kind: "activity", name, input });
    return this.openTask(id, false);
  }

  createSubOrchestration(name: string, input: unknown, instanceId: string | undefined): Op {
    const id = this.nextId++;
    this.pending.set(id, { kind: "subOrchestration", name, input, instanceId });
    return this.openTask(id, false);
  }

  /** DTFx CreateTimer: the action is recorded even when the token is cancelled at once (the timer message still goes out). */
  createTimer(fireAt: number, canceled: boolean): Op {
    const id = this.nextId++;
    this.pending.set(id, { kind: "timer", fireAt });
    if (canceled) return Op.settled(true);
    return this.openTask(id, true);
  }

  /**
   * The extension's CreateTimer: beyond the provider's maximum it creates slices in a loop, moving to the final fire
   * time once less than one interval remains; a cancelled long timer creates only its first slice (the cancellation
   * arrives after the first CreateTimer call returned).
   */
  createExtensionTimer(fireAt: number, canceled: boolean): Op {
    if (fireAt - this.now <= this.limits.maxShortTimerMs) return this.createTimer(fireAt, canceled);
    const whole = new Op();
    const slice = (sliceFireAt: number): void => {
      const sub = this.createTimer(sliceFireAt, canceled);
      sub.then(() => {
        if (sub.failed) return whole.settle(true);
        const remaining = fireAt - this.now;
        if (remaining <= 0) return whole.settle(false);
        slice(remaining < this.limits.longTimerIntervalMs ? this.now + remaining : this.now + this.limits.longTimerIntervalMs);
      });
    };
    slice(this.now + this.limits.longTimerIntervalMs);
    return whole;
  }

  /** DTFx RetryInterceptor: a timer after every failed attempt (the last included) unless the delay is zero. */
  withRetry(policy: RetryPolicy, attempt: () => Op): Op {
    const whole = new Op();
    const firstAttempt = this.now;
    const run = (retryCount: number): void => {
      const call = attempt();
      call.then(() => {
        if (!call.failed) return whole.settle(false);
        const delay = retryDelay(policy, retryCount, firstAttempt, this.now);
        if (delay === 0) return whole.settle(true);
        const timer = this.createTimer(this.now + delay, false);
        timer.then(() => (retryCount + 1 < policy.maxNumberOfAttempts ? run(retryCount + 1) : whole.settle(true)));
      });
    };
    run(0);
    return whole;
  }

  waitForEvent(name: string): Op {
    const count = this.buffered.get(name) ?? 0;
    if (count > 0) {
      this.buffered.set(name, count - 1);
      return Op.settled();
    }
    const op = new Op();
    const stack = this.waiters.get(name) ?? [];
    stack.push(op);
    this.waiters.set(name, stack);
    return op;
  }

  /** DurableOrchestrationContext.RaiseEvent: the newest waiter of that name (a stack), else buffered in order. */
  raiseEvent(name: string): void {
    const waiter = this.waiters.get(name)?.pop();
    if (waiter) waiter.settle(false);
    else this.buffered.set(name, (this.buffered.get(name) ?? 0) + 1);
  }

  /** A scheduling event from history must meet an action with its id and kind (TaskOrchestrationContext.Handle*Event). */
  matchScheduled(event: HistoryEvent, kind: Scheduled["kind"]): void {
    const id = event.EventId;
    const action = this.pending.get(id);
    const name = typeof event.Name === "string" ? event.Name : "";
    const what = kind === "timer" ? `${kindNames.timer}` : `${kindNames[kind]} named '${name}'`;
    if (!action) {
      throw new NonDeterminism(
        `A previous execution of this orchestration scheduled ${what} with sequence ID ${id}, ` +
          "but the current replay execution hasn't (yet?) scheduled this task.",
      );
    }
    if (action.kind !== kind || (action.kind !== "timer" && action.name !== name)) {
      const now = action.kind === "timer" ? kindNames.timer : `${kindNames[action.kind]} named '${action.name}'`;
      throw new NonDeterminism(
        `A previous execution of this orchestration scheduled ${what} with sequence ID ${id}, ` +
          `but the current replay execution instead scheduled ${now} with that ID.`,
      );
    }
    this.pending.delete(id);
  }

  complete(id: unknown, failed: boolean): void {
    if (typeof id !== "number") return;
    const task = this.open.get(id);
    // An unknown id (a cancelled timer firing, a duplicate) is ignored, as DTFx logs and drops it.
    if (!task) return;
    this.open.delete(id);
    task.op.settle(failed);
  }

  private openTask(id: number, timer: boolean): Op {
    const op = new Op();
    this.open.set(id, { op, timer });
    return op;
  }
}

/** The delay before the next attempt, as DTFx's RetryInterceptor.ComputeNextDelay (zero past the retry timeout). */
export function retryDelay(policy: RetryPolicy, retryCount: number, firstAttempt: number, now: number): number {
  const timeout = policy.retryTimeoutInMilliseconds;
  if (timeout !== undefined && timeout > 0 && now >= firstAttempt + timeout) return 0;
  const coefficient = policy.backoffCoefficient !== undefined && policy.backoffCoefficient > 0 ? policy.backoffCoefficient : 1;
  const delay = policy.firstRetryIntervalInMilliseconds * Math.pow(coefficient, retryCount);
  const cap = policy.maxRetryIntervalInMilliseconds;
  return cap !== undefined && cap > 0 && delay >= cap ? cap : delay;
}

function invoke(ctx: ExtensionContext, action: SdkAction): Op {
  switch (action.actionType) {
    case ActionType.CallActivity:
      return ctx.scheduleTask(action.functionName ?? "", decodeActionInput(action));
    case ActionType.CallActivityWithRetry:
      return ctx.withRetry(retryPolicy(action), () => ctx.scheduleTask(action.functionName ?? "", decodeActionInput(action)));
    case ActionType.CallSubOrchestrator:
      return ctx.createSubOrchestration(action.functionName ?? "", decodeActionInput(action), action.instanceId || undefined);
    case ActionType.CallSubOrchestratorWithRetry:
      return ctx.withRetry(retryPolicy(action), () =>
        ctx.createSubOrchestration(action.functionName ?? "", decodeActionInput(action), action.instanceId || undefined),
      );
    case ActionType.CreateTimer:
      return ctx.createExtensionTimer(new Date(action.fireAt ?? ctx.now).getTime(), action.isCanceled === true);
    case ActionType.WaitForExternalEvent:
      return ctx.waitForEvent(action.externalEventName ?? "");
    case ActionType.ContinueAsNew:
      return Op.settled();
    case ActionType.WhenAny:
    case ActionType.WhenAll: {
      // Task.WhenAny / Task.WhenAll over freshly invoked children: a re-sent child is scheduled again.
      const children = (action.compoundActions ?? []).map((child) => invoke(ctx, child));
      const whole = new Op();
      const any = action.actionType === ActionType.WhenAny;
      let remaining = children.length;
      if (remaining === 0) whole.settle(false);
      for (const child of children) {
        child.then(() => {
          remaining--;
          if (any || remaining === 0) whole.settle(false);
        });
      }
      return whole;
    }
    default:
      throw new Error(`Action type ${action.actionType} (entities, durable HTTP, locks) is not supported by the local host`);
  }
}

function retryPolicy(action: SdkAction): RetryPolicy {
  if (!action.retryOptions) throw new Error(`A retry action for '${action.functionName ?? ""}' has no retryOptions`);
  return action.retryOptions;
}

/**
 * Replays one episode as the extension does: `history` is every event including this episode's new ones (the
 * SDK saw the same), `actions` the SDK's cumulative action list. Throws on unsupported actions.
 */
export function replayExtension(history: HistoryEvent[], actions: SdkAction[], limits: ReplayLimits = azureStorageLimits): ReplayResult {
  const ctx = new ExtensionContext(limits);
  const firstStart = history.find((e) => e.EventType === EventType.OrchestratorStarted);
  if (firstStart) ctx.now = Date.parse(firstStart.Timestamp);
  let walkDone = false;
  const walk = (index: number): void => {
    // ProcessAsyncActionsV2: invoke one action, await it (its failure is ignored), then the next.
    for (let i = index; i < actions.length; i++) {
      const action = actions[i];
      if (!action) continue;
      const op = invoke(ctx, action);
      if (!op.done) {
        op.then(() => walk(i + 1));
        return;
      }
    }
    walkDone = true;
  };
  try {
    for (const event of history) {
      switch (event.EventType) {
        case EventType.OrchestratorStarted:
          ctx.now = Math.max(ctx.now, Date.parse(event.Timestamp));
          break;
        case EventType.ExecutionStarted:
          walk(0);
          break;
        case EventType.TaskScheduled:
          ctx.matchScheduled(event, "activity");
          break;
        case EventType.TimerCreated:
          ctx.matchScheduled(event, "timer");
          break;
        case EventType.SubOrchestrationInstanceCreated:
          ctx.matchScheduled(event, "subOrchestration");
          break;
        case EventType.TaskCompleted:
        case EventType.SubOrchestrationInstanceCompleted:
          ctx.complete(event.TaskScheduledId, false);
          break;
        case EventType.TaskFailed:
        case EventType.SubOrchestrationInstanceFailed:
          ctx.complete(event.TaskScheduledId, true);
          break;
        case EventType.TimerFired:
          ctx.complete(event.TimerId, false);
          break;
        case EventType.EventRaised:
          ctx.raiseEvent(typeof event.Name === "string" ? event.Name : "");
          break;
        default:
          break;
      }
    }
  } catch (error) {
    if (error instanceof NonDeterminism) return { ok: false, error: `Non-Deterministic workflow detected: ${error.message}` };
    throw error;
  }
  const newWork: NewWork[] = [...ctx.pending.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, s]) => ({ ...s, id }));
  return { ok: true, newWork, openTimers: ctx.openTimerCount(), walkDone };
}
