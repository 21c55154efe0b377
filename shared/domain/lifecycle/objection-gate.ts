/** The objection window a disclosure follows: when it closed, and which of the demand's objections the lifecycle has heard. */
export interface ObjectionWindowGate {
  /** When the window closed (ISO, the orchestration's clock). */
  endsAt: string;
  /** Positions, in the demand's list of objections, of those the lifecycle has applied. */
  heard: number[];
}

/**
 * R5: the objections the API accepted before the window closed that the lifecycle has not heard yet (delivered after the
 * Tick that closed the window, as Azure may): judged by when the API accepted them, so the data is not collected.
 */
export function objectionsPending(accepted: readonly { recordedAt: string }[], gate: ObjectionWindowGate): number[] {
  const endsAt = Date.parse(gate.endsAt);
  return accepted.flatMap((objection, index) => (Date.parse(objection.recordedAt) < endsAt && !gate.heard.includes(index) ? [index] : []));
}

/**
 * R1: whether a withdrawal the API accepted before the window closed has not reached the lifecycle yet (one that had
 * would have ended the demand before any disclosure): judged by when the API accepted it, nothing is collected.
 */
export function withdrawalPending(requestedAt: string | undefined, gate: ObjectionWindowGate): boolean {
  return requestedAt !== undefined && Date.parse(requestedAt) < Date.parse(gate.endsAt);
}
