import type { AppInvoker, HostLog } from "../app/invoker";
import type { Registration } from "../app/core-api";
import { triggerOf } from "../app/invoker";
import type { Journal } from "../store/journal";
import type { VirtualClock } from "./clock";
import { nextOccurrence, parseNcrontab, previousOccurrence } from "./ncrontab";

interface TimerTrigger {
  reg: Registration;
  next: (after: number) => number | undefined;
  /** The last occurrence at or before a time. */
  latest: (atOrBefore: number) => number | undefined;
  last: number | undefined;
  due: number | undefined;
}

const journalType = "timerTrigger";

/** A schedule (NCRONTAB or a TimeSpan) as its next occurrence after a time and its last one at or before a time. */
function scheduleFunctions(schedule: string): Pick<TimerTrigger, "next" | "latest"> {
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(schedule.trim());
  if (span) {
    const ms = ((Number(span[1] ?? 0) * 24 + Number(span[2])) * 3600 + Number(span[3]) * 60 + Number(span[4])) * 1000;
    return { next: (after) => (Math.floor(after / ms) + 1) * ms, latest: (atOrBefore) => Math.floor(atOrBefore / ms) * ms };
  }
  const cron = parseNcrontab(schedule);
  return { next: (after) => nextOccurrence(cron, after), latest: (atOrBefore) => previousOccurrence(cron, atOrBefore) };
}

/** Fires timer triggers on the virtual clock; missed occurrences are coalesced into one past-due call (as Azure). */
export class TimerTriggers {
  private readonly triggers: TimerTrigger[] = [];

  constructor(
    private readonly invoker: AppInvoker,
    private readonly clock: VirtualClock,
    private readonly journal: Journal,
    private readonly run: (work: () => Promise<unknown>) => Promise<unknown>,
    private readonly log: HostLog,
  ) {
    const persisted = new Map(journal.records(journalType).map((r) => [r.k, r.v as number]));
    const now = clock.now();
    for (const reg of invoker.byTrigger("timerTrigger")) {
      const binding = triggerOf(reg);
      const schedule = typeof binding?.schedule === "string" ? binding.schedule : "";
      const { next, latest } = scheduleFunctions(schedule);
      const last = persisted.get(reg.metadata.name);
      this.triggers.push({ reg, next, latest, last, due: next(last ?? now) });
    }
  }

  /** Invokes the triggers registered with runOnStartup. */
  startup(): void {
    for (const trigger of this.triggers) {
      if (triggerOf(trigger.reg)?.runOnStartup === true) void this.fire(trigger, this.clock.now(), false);
    }
  }

  /** The earliest next occurrence of any trigger. */
  nextDue(): number | undefined {
    const times = this.triggers.map((t) => t.due).filter((t): t is number => t !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Fires, once each, every trigger with an occurrence at or before `upTo` (at its latest such occurrence). */
  fireDue(upTo: number): Array<Promise<unknown>> {
    const calls: Array<Promise<unknown>> = [];
    for (const trigger of this.triggers) {
      const at = latestDue(trigger, upTo);
      if (at === undefined) continue;
      calls.push(this.fire(trigger, at, at > (trigger.due as number) || upTo - at > 60_000));
    }
    return calls;
  }

  /** The time `fireDue` would fire the earliest trigger at when coalescing up to `limit`. */
  latestOccurrenceUpTo(limit: number): number | undefined {
    let latest: number | undefined;
    for (const trigger of this.triggers) {
      const at = latestDue(trigger, limit);
      if (at !== undefined) latest = latest === undefined ? at : Math.max(latest, at);
    }
    return latest;
  }

  private fire(trigger: TimerTrigger, at: number, isPastDue: boolean): Promise<unknown> {
    const last = trigger.last;
    trigger.last = at;
    trigger.due = trigger.next(Math.max(at, this.clock.now()));
    this.journal.put(journalType, trigger.reg.metadata.name, at);
    const timer = {
      isPastDue,
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: new Date(last ?? at).toISOString(),
        next: trigger.due === undefined ? undefined : new Date(trigger.due).toISOString(),
        lastUpdated: new Date(at).toISOString(),
      },
    };
    const context = this.invoker.context(trigger.reg);
    return this.run(() => this.invoker.invoke(trigger.reg, [timer], context)).catch((error: unknown) => {
      this.log("error", `Timer function '${trigger.reg.metadata.name}' failed: ${(error as Error)?.stack ?? String(error)}`);
    });
  }
}

/** The latest occurrence from the trigger's due one up to `upTo`, or undefined when it is not due by then. */
function latestDue(trigger: TimerTrigger, upTo: number): number | undefined {
  if (trigger.due === undefined || trigger.due > upTo) return undefined;
  // The due time is itself an occurrence at or before upTo, so the latest one is never earlier.
  return Math.max(trigger.due, trigger.latest(upTo) ?? trigger.due);
}
