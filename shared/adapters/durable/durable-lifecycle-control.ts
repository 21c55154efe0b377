import type { DurableClient } from "durable-functions";
import { LIFECYCLE_EVENT_NAME, type LifecycleEnvelope } from "../../domain/lifecycle/decider/external-event";
import type { LifecycleSettings } from "../../domain/lifecycle/lifecycle-settings";
import type { LifecycleControl } from "../../ports/lifecycle-control";

/** The orchestration every demand runs (orchestrations/demand-lifecycle.ts registers it). */
export const LIFECYCLE_ORCHESTRATION = "demandLifecycle";

/** Lifecycle control over the Durable Functions client; the demand id is the instance id. */
export class DurableLifecycleControl implements LifecycleControl {
  constructor(
    private readonly client: DurableClient,
    private readonly settings: LifecycleSettings,
  ) {}

  async ensureStarted(demandId: string): Promise<void> {
    try {
      await this.client.startNew(LIFECYCLE_ORCHESTRATION, { instanceId: demandId, input: { demandId, settings: this.settings } });
    } catch (error) {
      // A concurrent or earlier start of the same demand is refused by the extension; that instance is the one we want.
      const existing = await this.client.getStatus(demandId).catch(() => null);
      if (existing === null) throw error;
    }
  }

  async raise(demandId: string, eventName: string, payload: unknown): Promise<void> {
    // One durable event name for everything: the lifecycle keeps a single wait open (see orchestrations/lifecycle).
    await this.client.raiseEvent(demandId, LIFECYCLE_EVENT_NAME, { name: eventName, payload } satisfies LifecycleEnvelope);
  }
}
