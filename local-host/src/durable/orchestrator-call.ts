import type { SdkAction } from "./actions";
import type { HistoryEvent } from "./types";

/** What one orchestrator episode produced. */
export type EpisodeOutcome =
  | { ok: true; isDone: boolean; actions: SdkAction[][]; output: unknown; customStatus: unknown }
  | { ok: false; error: string; customStatus: unknown; actions: SdkAction[][] };

/** The orchestration trigger payload the Durable extension sends to an out-of-process worker. */
export interface OrchestrationPayload {
  history: HistoryEvent[];
  input: unknown;
  instanceId: string;
  isReplaying: boolean;
  parentInstanceId: string | undefined;
  upperSchemaVersion: number;
  upperSchemaVersionNew: number;
  longRunningTimerIntervalDuration: string;
  maximumShortTimerDuration: string;
  defaultHttpAsyncRequestSleepTimeMillseconds: number;
}

const outOfProcLabel = "$OutOfProcData$:";

interface StateLike {
  isDone?: boolean;
  actions?: SdkAction[][];
  output?: unknown;
  customStatus?: unknown;
  error?: string;
}

/** Calls an orchestration handler once and interprets its OrchestratorState (or its failure). */
export async function callOrchestrator(
  call: () => Promise<unknown>,
): Promise<EpisodeOutcome> {
  try {
    // The worker hands the OrchestratorState to the extension as JSON (its return binding), and every activity input,
    // output and custom status is read back from that JSON: a Date becomes its ISO string, a Map {}, undefined goes.
    const returned = await call();
    const state = (returned === undefined ? {} : JSON.parse(JSON.stringify(returned))) as StateLike;
    return {
      ok: true,
      isDone: state.isDone === true,
      actions: state.actions ?? [],
      output: state.output,
      customStatus: state.customStatus,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = message.indexOf(outOfProcLabel);
    if (at < 0) return { ok: false, error: message, customStatus: undefined, actions: [] };
    const state = JSON.parse(message.slice(at + outOfProcLabel.length)) as StateLike;
    return { ok: false, error: state.error ?? message.slice(0, at).trim(), customStatus: state.customStatus, actions: state.actions ?? [] };
  }
}
