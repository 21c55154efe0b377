import type { RetryPolicy } from "./types";

/** An action object as the durable-functions SDK returns it in OrchestratorState.actions. */
export interface SdkAction {
  actionType: number;
  functionName?: string;
  input?: unknown;
  retryOptions?: RetryPolicy;
  instanceId?: string;
  fireAt?: Date | string;
  isCanceled?: boolean;
  externalEventName?: string;
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

/** The SDK's cumulative action list as one sequence (schema V2/V3 nest it in a single outer array). */
export function topLevelActions(actions: SdkAction[][]): SdkAction[] {
  return actions.flat();
}

/** The continue-as-new action among the top-level actions, if the orchestrator asked for one. */
export function continueAsNewAction(actions: SdkAction[]): SdkAction | undefined {
  return actions.find((a) => a.actionType === ActionType.ContinueAsNew);
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
