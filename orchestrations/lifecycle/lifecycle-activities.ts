import type { Task } from "durable-functions";
import type { ActivityInput, ActivityKey } from "../../shared/domain/lifecycle/activity-contracts";

/** A typed proxy for one lifecycle activity: the registration returns it, tests pass their own (typed by the same contracts). */
export type ActivityProxy<K extends ActivityKey> = (input: ActivityInput<K>) => { withRetry(options: unknown): Task };

/** The activities the lifecycle calls, typed by `ActivityContracts` so the orchestrator, handlers and fakes cannot drift. */
export type LifecycleActivities = { [K in ActivityKey]: ActivityProxy<K> };
