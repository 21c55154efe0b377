import { EventType, eventTypeNames } from "./history";
import type { HistoryEvent, InstanceState, RuntimeStatus } from "./types";

/** Options of a status query, named as the HTTP API's query parameters. */
export interface StatusOptions {
  showInput: boolean;
  showHistory: boolean;
  showHistoryOutput: boolean;
}

function parseJson(text: string | null | undefined): unknown {
  return text === null || text === undefined ? null : (JSON.parse(text) as unknown);
}

function historyView(events: HistoryEvent[], withOutput: boolean): unknown[] {
  const scheduled = new Map<number, HistoryEvent>();
  const out: unknown[] = [];
  for (const event of events) {
    const type = event.EventType;
    if (type === EventType.OrchestratorStarted || type === EventType.OrchestratorCompleted) continue;
    if (type === EventType.TaskScheduled || type === EventType.SubOrchestrationInstanceCreated) {
      scheduled.set(event.EventId, event);
      continue;
    }
    const view: Record<string, unknown> = { EventType: eventTypeNames[type] ?? String(type), Timestamp: event.Timestamp };
    const source = typeof event.TaskScheduledId === "number" ? scheduled.get(event.TaskScheduledId) : undefined;
    if (source) {
      view.FunctionName = source.Name;
      view.ScheduledTime = source.Timestamp;
    }
    if (type === EventType.ExecutionStarted) view.FunctionName = event.Name;
    if (type === EventType.EventRaised) view.Name = event.Name;
    if (type === EventType.TimerCreated || type === EventType.TimerFired) view.FireAt = event.FireAt;
    if (type === EventType.ExecutionCompleted) view.OrchestrationStatus = event.OrchestrationStatus;
    if (type === EventType.TaskFailed || type === EventType.SubOrchestrationInstanceFailed) {
      view.Reason = event.Reason;
      view.Details = event.Details;
    }
    if (withOutput) {
      if (event.Input !== undefined) view.Input = parseJson(event.Input as string);
      if (event.Result !== undefined) view.Result = parseJson(event.Result as string);
    }
    out.push(view);
  }
  return out;
}

/** The status JSON the Durable HTTP API returns for one instance. */
export function statusJson(inst: InstanceState, opts: StatusOptions): Record<string, unknown> {
  const status: Record<string, unknown> = {
    name: inst.name,
    instanceId: inst.instanceId,
    runtimeStatus: inst.runtimeStatus,
    input: opts.showInput ? parseJson(inst.input) : null,
    customStatus: parseJson(inst.customStatus),
    output: parseJson(inst.output),
    createdTime: new Date(inst.createdTime).toISOString(),
    lastUpdatedTime: new Date(inst.lastUpdatedTime).toISOString(),
  };
  if (opts.showHistory) status.history = historyView(inst.history, opts.showHistoryOutput);
  return status;
}

/** Filters of a list/purge query. */
export interface InstanceFilter {
  createdTimeFrom?: number;
  createdTimeTo?: number;
  runtimeStatus?: RuntimeStatus[];
}

/** The instances matching a filter, oldest first (ties by id) so continuation tokens are stable. */
export function filterInstances(all: Iterable<InstanceState>, filter: InstanceFilter): InstanceState[] {
  const statuses = filter.runtimeStatus && filter.runtimeStatus.length > 0 ? new Set(filter.runtimeStatus) : undefined;
  return [...all]
    .filter(
      (inst) =>
        (filter.createdTimeFrom === undefined || inst.createdTime >= filter.createdTimeFrom) &&
        (filter.createdTimeTo === undefined || inst.createdTime <= filter.createdTimeTo) &&
        (statuses === undefined || statuses.has(inst.runtimeStatus)),
    )
    .sort((a, b) => a.createdTime - b.createdTime || (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
}
