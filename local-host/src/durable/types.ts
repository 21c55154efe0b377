/** Orchestration runtime statuses as the Durable HTTP API reports them. */
export type RuntimeStatus = "Pending" | "Running" | "Completed" | "ContinuedAsNew" | "Failed" | "Terminated" | "Suspended";

/** Statuses after which an instance id may be reused and no more work runs. */
export const terminalStatuses: ReadonlySet<RuntimeStatus> = new Set(["Completed", "Failed", "Terminated"]);

/** A history event in the shape the durable-functions SDK replays. */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

/** Retry settings of a CallActivityWithRetry / CallSubOrchestratorWithRetry action. */
export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}

/** One scheduled thing the orchestrator asked for, in the order it asked (its "sequence slot"). */
export interface ScheduledItem {
  kind: "activity" | "subOrchestration" | "timer";
  name: string;
  /** Sequence number of the first TaskScheduled / TimerCreated / SubOrchestrationInstanceCreated. */
  seq: number;
  input?: unknown;
  retry?: RetryPolicy;
  attempt: number;
  firstAttemptAt: number;
  lastFailure?: { reason: string; details: string };
  retryExpired?: boolean;
  childInstanceId?: string;
  explicitChildId?: string;
  fireAt?: number;
  /** A timer beyond the short-timer limit: the SDK waits for a chain of sub-timers. */
  long?: boolean;
  canceled?: boolean;
  done?: boolean;
}

/** What a sequence number is used for. */
export interface SeqRole {
  item: number;
  role: "attempt" | "retryTimer" | "timer";
}

/** A message waiting to be added to an instance's history in its next episode. */
export type InboxMessage =
  | { kind: "event"; name: string; input: string | null }
  | { kind: "taskCompleted" | "subCompleted"; seq: number; result: string }
  | { kind: "taskFailed" | "subFailed"; seq: number; reason: string; details: string }
  | { kind: "timerFired"; seq: number; fireAt: number };

/** A durable timer waiting for the clock. */
export interface PendingTimer {
  seq: number;
  fireAt: number;
}

/** An activity invocation that must run (again after a restart) until its result is recorded. */
export interface WorkItem {
  seq: number;
  name: string;
  input: unknown;
}

/** Everything the host keeps about one orchestration instance; persisted whole in the journal. */
export interface InstanceState {
  instanceId: string;
  name: string;
  executionId: string;
  input: string | null;
  runtimeStatus: RuntimeStatus;
  createdTime: number;
  lastUpdatedTime: number;
  output: string | null;
  customStatus: string | null;
  history: HistoryEvent[];
  items: ScheduledItem[];
  roles: Record<string, SeqRole>;
  nextSeq: number;
  inbox: InboxMessage[];
  timers: PendingTimer[];
  work: WorkItem[];
  parent?: { instanceId: string; executionId: string; seq: number };
  needsFirstEpisode: boolean;
  /** Set when the orchestrator finished but uncancelled timers still keep the instance running (as Azure). */
  completion?: { output: string | null };
}
