import { LIFECYCLE_VERSION, type LifecycleInput, type LifecycleSettings } from "./lifecycle-settings";

/** An orchestration input read in the current shape, with the version of the rules it was started under. */
export interface VersionedLifecycleInput {
  demandId: string;
  settings: LifecycleSettings;
  version: number;
}

/**
 * Reads the input an instance was started with, by whichever deployment started it: older shapes are upgraded to the
 * current one here (each version's upgrade step fills what it lacked), so the decider only ever sees the current shape.
 * A version newer than this code is refused with a stable code: during a rollout or a rollback an older host may pick
 * up an instance a newer one started, and deciding it by rules it does not know would act silently wrong, while a failed
 * instance is reported by the scan and can be rewound once the newer code runs everywhere.
 */
export function readLifecycleInput(raw: unknown): VersionedLifecycleInput {
  const input = raw as LifecycleInput;
  const version = input.version ?? 1;
  if (!Number.isInteger(version) || version < 1 || version > LIFECYCLE_VERSION) {
    throw new Error(`[lifecycle-version-unknown] the instance was started under lifecycle version ${String(version)}; this deployment runs up to ${LIFECYCLE_VERSION}`);
  }
  // Version 1 is the shape before versions were recorded; later versions add their upgrade steps here, oldest first.
  return { demandId: input.demandId, settings: input.settings, version };
}
