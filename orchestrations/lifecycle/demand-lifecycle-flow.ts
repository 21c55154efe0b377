import * as df from "durable-functions";
import type { OrchestrationContext, OrchestrationHandler, Task } from "durable-functions";
import type { Outcome } from "../../shared/domain/enums";
import { ActivityContracts, type ActivityInput, type ActivityKey, type ActivityOutput } from "../../shared/domain/lifecycle/activity-contracts";
import { initialState, transition, type Command, type DeciderEvent, type LifecycleState } from "../../shared/domain/lifecycle/decider";
import { LIFECYCLE_EVENT_NAME, readEnvelope } from "../../shared/domain/lifecycle/decider/external-event";
import { readLifecycleInput, type VersionedLifecycleInput } from "../../shared/domain/lifecycle/lifecycle-input";
import type { LifecycleActivities } from "./lifecycle-activities";

/** How a demand's lifecycle ended. */
export interface LifecycleResult {
  outcome: Outcome | null;
}

type Step<T> = Generator<Task, T, unknown>;

/**
 * Builds the demand lifecycle orchestrator: it only interprets the decider (shared/domain/lifecycle/decider). It feeds
 * each event to `transition`, runs the commands as activities and feeds their results back.
 *
 * Patterns chosen for what Azure's Durable extension actually does (docs/durable-fidelity.md):
 * - exactly one external wait is open at any time, on one event name, and it is never raced: the SDK hands an event to
 *   the newest open wait of its name and queues it when none is open, so no event can land on an abandoned wait;
 * - no durable timer at all: every deadline is kept as data on the demand (`wakeAt`) and the scheduled scan raises a
 *   Tick when it comes, so no timer is ever cancelled, re-used or sliced, and a months-long wait adds no history;
 * - one activity per decision for its light effects, so a demand's history stays at tens of events.
 */
export function makeDemandLifecycle(activities: LifecycleActivities): OrchestrationHandler {
  return function* demandLifecycle(context: OrchestrationContext) {
    return yield* new Interpreter(context, activities, readLifecycleInput(context.df.getInput())).run();
  };
}

class Interpreter {
  private state: LifecycleState;
  private readonly queue: DeciderEvent[] = [];
  private readonly retry: df.RetryOptions;

  constructor(
    private readonly context: OrchestrationContext,
    private readonly acts: LifecycleActivities,
    private readonly input: VersionedLifecycleInput,
  ) {
    this.state = initialState(input.demandId, input.settings, input.version);
    const { firstIntervalMs, maxIntervalMs, maxAttempts } = input.settings.retry;
    this.retry = new df.RetryOptions(firstIntervalMs, maxAttempts);
    this.retry.backoffCoefficient = 2;
    this.retry.maxRetryIntervalInMilliseconds = maxIntervalMs;
  }

  *run(): Step<LifecycleResult> {
    const facts = yield* this.loadFacts();
    if (facts === null) return { outcome: null };
    this.queue.push({ type: "started", at: this.now(), demand: facts });
    for (;;) {
      while (this.queue.length > 0) {
        const next = transition(this.state, this.queue.shift()!);
        this.state = next.state;
        yield* this.execute(next.commands);
      }
      // A closed lifecycle still waits while parked: its closing batch failed and runs again on the operator's resume.
      if (this.state.closed && this.state.parked === null) return { outcome: this.state.outcome ?? "withdrawn" };
      const raw: unknown = yield this.context.df.waitForExternalEvent(LIFECYCLE_EVENT_NAME);
      const read = readEnvelope(raw, this.now());
      if (read === null) continue;
      if (read.type !== "secrecy_changed") {
        this.queue.push(read);
        continue;
      }
      const live = yield* this.loadFacts();
      if (live !== null) this.queue.push({ type: "secrecy_orders_changed", at: this.now(), orders: live.secrecyOrders });
    }
  }

  /** Runs commands in order: light effects batched into one activity, disclosure and reads on their own; a failure parks the rest. */
  private *execute(commands: Command[]): Step<void> {
    let i = 0;
    while (i < commands.length) {
      const command = commands[i]!;
      if (command.type === "disclose") {
        const gate = command.objectionWindow === undefined ? {} : { objectionWindow: command.objectionWindow };
        const result = yield* this.call("disclose", { demandId: this.input.demandId, scope: command.scope, effectKey: command.key, ...gate });
        if (result.ok) {
          this.queue.push({ type: "disclosed", at: this.now(), result: result.value });
          i += 1;
          continue;
        }
        return yield* this.failed(result.code, commands.slice(i));
      }
      if (command.type === "read_redirect_answer") {
        const read = yield* this.call("loadDemand", { demandId: this.input.demandId, at: this.now(), redirectClosed: true });
        if (!read.ok) return yield* this.failed(read.code, commands.slice(i));
        const answeredAt = read.value.redirectAnsweredAt;
        this.queue.push({ type: "redirect_answer_read", at: this.now(), ...(answeredAt === undefined ? {} : { answeredAt }) });
        i += 1;
        continue;
      }
      if (command.type === "read_secrecy_decisions") {
        const read = yield* this.call("loadDemand", { demandId: this.input.demandId, at: this.now(), expiryRoundClosed: command.round });
        if (!read.ok) return yield* this.failed(read.code, commands.slice(i));
        this.queue.push({ type: "secrecy_decisions_read", at: this.now(), decisions: read.value.secrecyDecisions ?? [] });
        i += 1;
        continue;
      }
      let end = i;
      while (end < commands.length && !OWN_ACTIVITY.has(commands[end]!.type)) end += 1;
      const batch = commands.slice(i, end);
      const done = yield* this.call("applyEffects", { demandId: this.input.demandId, at: this.now(), effects: batch });
      if (!done.ok) return yield* this.failed(done.code, commands.slice(i));
      i = end;
    }
  }

  private *failed(code: string, rest: Command[]): Step<void> {
    if (this.state.parked === null) {
      this.queue.push({ type: "effects_failed", at: this.now(), code, commands: rest });
      return;
    }
    // The parking's own batch failed. Without its needs_operator record neither the scan nor the resume endpoint finds
    // the demand, so the record is tried once more without the alert (a mail outage may be what failed both); if the
    // store refuses it too, a failed instance is what the scan reports to operators.
    const unalerted = rest.filter((c) => c.type !== "alert_operator");
    if (unalerted.length > 0 && unalerted.length < rest.length) {
      const recorded = yield* this.call("applyEffects", { demandId: this.input.demandId, at: this.now(), effects: unalerted });
      if (recorded.ok) return;
    }
    throw new Error(`the demand could not be parked for an operator (${code})`);
  }

  private *loadFacts(): Step<ActivityOutput<"loadDemand"> | null> {
    const loaded = yield* this.call("loadDemand", { demandId: this.input.demandId, at: this.now() });
    // Reading the demand itself failing after every retry leaves nothing to decide from: the scan reports the instance.
    if (!loaded.ok) throw new Error(`the demand could not be read (${loaded.code})`);
    return loaded.value;
  }

  /** Calls an activity with the lifecycle's retries; its output is validated against the contract. */
  private *call<K extends ActivityKey>(name: K, input: ActivityInput<K>): Step<{ ok: true; value: ActivityOutput<K> } | { ok: false; code: string }> {
    try {
      const raw = yield this.acts[name](input).withRetry(this.retry);
      return { ok: true, value: ActivityContracts[name].output.parse(raw ?? null) as ActivityOutput<K> };
    } catch (error) {
      return { ok: false, code: failureCode(error) };
    }
  }

  private now(): string {
    return this.context.df.currentUtcDateTime.toISOString();
  }
}

/** Commands that run as their own activity, with a result fed back to the decider; the rest are batched. */
const OWN_ACTIVITY: ReadonlySet<Command["type"]> = new Set(["disclose", "read_redirect_answer", "read_secrecy_decisions"]);

/** A stable code from an activity failure's message (`[code] …`, or `CODE: …` as disclosure errors start), never its details. */
function failureCode(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = /\[([a-z0-9-]{2,64})\]/.exec(message)?.[1] ?? /\b([A-Z][A-Z0-9_]{2,63}): /.exec(message)?.[1];
  return code === undefined ? "step-failed" : code.toLowerCase().replace(/_/g, "-");
}
