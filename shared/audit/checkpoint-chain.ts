import { checkpointHash, verifyCheckpoint, type Checkpoint, type CheckpointProblem } from "./checkpoint";
import { nextDate } from "./write-daily-checkpoint";

/** Why a run of daily checkpoints does not hold together. */
export type CheckpointChainProblem = CheckpointProblem | "previous mismatch" | "missing day" | "not in date order" | "unreadable";

/** The verdict on consecutive daily checkpoints: each valid and each committing to the one before. */
export type CheckpointChainVerification =
  | { ok: true; from: string; to: string; length: number; head: string }
  | { ok: true; length: 0 }
  | { ok: false; date: string; problem: CheckpointChainProblem };

/**
 * Verifies a run of daily checkpoints in date order: each is validly signed and consistent, the days follow one
 * another without a gap, and each chained (v2) checkpoint commits to its predecessor's hash. Rewriting any day
 * — even re-signed with the provider's key — breaks the next day's commitment, so holding only the latest
 * checkpoint (or its hash) pins every day before it. The first checkpoint's own `previous` is not checked here.
 * `publicKeyPem`: the provider's key, or the key version each checkpoint was signed with.
 */
export function verifyCheckpointChain(checkpoints: readonly Checkpoint[], publicKeyPem: string | ((checkpoint: Checkpoint) => string)): CheckpointChainVerification {
  const first = checkpoints[0];
  if (first === undefined) return { ok: true, length: 0 };
  let before: Checkpoint | undefined;
  for (const checkpoint of checkpoints) {
    const signature = verifyCheckpoint(checkpoint, typeof publicKeyPem === "string" ? publicKeyPem : publicKeyPem(checkpoint));
    if (!signature.ok) return { ok: false, date: checkpoint.date, problem: signature.problem };
    if (before !== undefined) {
      if (checkpoint.date <= before.date) return { ok: false, date: checkpoint.date, problem: "not in date order" };
      if (checkpoint.date !== nextDate(before.date)) return { ok: false, date: nextDate(before.date), problem: "missing day" };
      // A v1 checkpoint predates the chain and commits to nothing; every v2 one must commit to the day before.
      if (checkpoint.previous !== undefined && (checkpoint.previous?.date !== before.date || checkpoint.previous.hash !== checkpointHash(before))) {
        return { ok: false, date: checkpoint.date, problem: "previous mismatch" };
      }
    }
    before = checkpoint;
  }
  const last = checkpoints[checkpoints.length - 1] ?? first;
  return { ok: true, from: first.date, to: last.date, length: checkpoints.length, head: checkpointHash(last) };
}
