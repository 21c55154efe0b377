import type { RetryPolicy, ScheduledItem } from "./types";

/** An action object as the durable-functions SDK returns it in OrchestratorState.actions. */
export interface SdkAction {
  actionType: number;
  functionName?: string;
  input?: unknown;
  retryOptions?: RetryPolicy;
  instanceId?: string;
  fireAt?: Date | string;
  isCanceled?: boolean;
  compoundActions?: SdkAction[];
}

/** Action type numbers of the SDK's ActionType enum. */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  WhenAny: 11,
  WhenAll: 12,
} as const;

/** Flattens compound actions depth-first, dropping repeats of the same task (same action object). */
export function flattenActions(actions: SdkAction[][]): SdkAction[] {
  const seen = new Set<SdkAction>();
  const out: SdkAction[] = [];
  const visit = (action: SdkAction): void => {
    if (action.compoundActions) {
      action.compoundActions.forEach(visit);
      return;
    }
    if (seen.has(action)) return;
    seen.add(action);
    out.push(action);
  };
  for (const group of actions) group.forEach(visit);
  return out;
}

/** The kind and name that identify what a scheduling action asks for (what replay must reproduce). */
export interface ActionIdentity {
  kind: ScheduledItem["kind"];
  name: string;
}

/** Identifies an action that takes a sequence number; undefined for waits and continue-as-new. */
export function identify(action: SdkAction): ActionIdentity | undefined {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return { kind: "activity", name: action.functionName ?? "" };
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return { kind: "subOrchestration", name: action.functionName ?? "" };
    case ActionType.CreateTimer:
      return { kind: "timer", name: "" };
    case ActionType.WaitForExternalEvent:
    case ActionType.ContinueAsNew:
      return undefined;
    default:
      throw new Error(
        `Action type ${action.actionType} (entities, durable HTTP, locks) is not supported by the local host`,
      );
  }
}

/** Parses an SDK action input: the SDK JSON-encodes string inputs of activities and continue-as-new. */
export function decodeActionInput(action: SdkAction): unknown {
  const input = action.input;
  const encodesStrings =
    action.actionType === ActionType.CallActivity ||
    action.actionType === ActionType.CallActivityWithRetry ||
    action.actionType === ActionType.ContinueAsNew;
  if (encodesStrings && typeof input === "string") return JSON.parse(input) as unknown;
  return input === undefined ? null : input;
}

/** The message Azure's Durable Task Framework uses when replay diverges from history. */
export function nonDeterminismMessage(seq: number, before: ActionIdentity, now: ActionIdentity | undefined): string {
  const describe = (id: ActionIdentity) => (id.kind === "timer" ? "a timer" : `${id.kind} '${id.name}'`);
  const current = now ? `scheduled ${describe(now)}` : "has not scheduled it";
  return (
    `Non-Deterministic workflow detected: a previous execution of this orchestration scheduled ${describe(before)} ` +
    `with sequence number ${seq}, but the current replay execution ${current}. ` +
    "Orchestrator code must be deterministic: deploy changes under a new orchestration name or version."
  );
}
