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
  inbox: InboxMessage[];
  timers: PendingTimer[];
  work: WorkItem[];
  parent?: { instanceId: string; executionId: string; seq: number };
  needsFirstEpisode: boolean;
}
