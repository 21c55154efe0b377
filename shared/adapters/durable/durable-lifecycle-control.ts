import * as df from "durable-functions";
import type { DurableClient } from "durable-functions";
import { LIFECYCLE_EVENT_NAME, type LifecycleEnvelope } from "../../domain/lifecycle/decider/external-event";
import { LIFECYCLE_ORCHESTRATION, LIFECYCLE_VERSION, type LifecycleInput, type LifecycleSettings } from "../../domain/lifecycle/lifecycle-settings";
import type { LifecycleControl } from "../../ports/lifecycle-control";

// durable-functions' getStatus throws this (with the extension's HTTP status) when no instance has the id.
const NOT_FOUND = /\b404\b/;

/** Lifecycle control over the Durable Functions client; the demand id is the instance id. */
export class DurableLifecycleControl implements LifecycleControl {
  constructor(
    private readonly client: DurableClient,
    private readonly settings: LifecycleSettings,
  ) {}

  async ensureStarted(demandId: string, options: { newDemand?: boolean } = {}): Promise<void> {
    // The extension refuses to start over a running instance but silently replaces a completed, failed or terminated
    // one: starting a closed demand again would run its lifecycle a second time. So start only when none exists.
    if (options.newDemand !== true && (await this.exists(demandId))) return;
    try {
      await this.client.startNew(LIFECYCLE_ORCHESTRATION, { instanceId: demandId, input: { demandId, settings: this.settings, version: LIFECYCLE_VERSION } satisfies LifecycleInput });
    } catch (error) {
      // A concurrent start of the same demand is refused by the extension; that instance is the one we want.
      if (!(await this.exists(demandId).catch(() => false))) throw error;
    }
  }

  async raise(demandId: string, eventName: string, payload: unknown): Promise<void> {
    // One durable event name for everything: the lifecycle keeps a single wait open (see orchestrations/lifecycle).
    await this.client.raiseEvent(demandId, LIFECYCLE_EVENT_NAME, { name: eventName, payload } satisfies LifecycleEnvelope);
  }

  async listFailed(): Promise<string[]> {
    const failed = await this.client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Failed] });
    return failed.filter((s) => s.name === LIFECYCLE_ORCHESTRATION).map((s) => s.instanceId);
  }

  async purgeFinished(createdBefore: Date): Promise<number> {
    // Failed instances are kept: the scan reports them and an operator rewinds them.
    const { Completed, Terminated } = df.OrchestrationRuntimeStatus;
    const result = await this.client.purgeInstanceHistoryBy({ createdTimeFrom: new Date(0), createdTimeTo: createdBefore, runtimeStatus: [Completed, Terminated] });
    return result.instancesDeleted;
  }

  private async exists(demandId: string): Promise<boolean> {
    try {
      await this.client.getStatus(demandId);
      return true;
    } catch (error) {
      if (error instanceof Error && NOT_FOUND.test(error.message)) return false;
      throw error;
    }
  }
}
