import type { DurableClient } from "durable-functions";
import { describe, expect, it } from "vitest";
import { DurableLifecycleControl } from "../../../shared/adapters/durable/durable-lifecycle-control";
import { LIFECYCLE_VERSION, type LifecycleSettings } from "../../../shared/domain/lifecycle/lifecycle-settings";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";

const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = TEST_SETTINGS;

/** A durable client that knows some instances by status and records starts. */
function aClient(statuses: Record<string, string>) {
  const started: string[] = [];
  const inputs: unknown[] = [];
  const client = {
    getStatus: async (id: string) => {
      const runtimeStatus = statuses[id];
      if (runtimeStatus === undefined) throw new Error("DurableClient error: Durable Functions extension replied with HTTP 404 response.");
      return { instanceId: id, runtimeStatus };
    },
    startNew: async (_name: string, options: { instanceId: string; input?: unknown }) => {
      started.push(options.instanceId);
      inputs.push(options.input);
      statuses[options.instanceId] = "Pending";
      return options.instanceId;
    },
  };
  return { client: client as unknown as DurableClient, started, inputs };
}

describe("DurableLifecycleControl.ensureStarted", () => {
  it("starts a demand that has no lifecycle yet", async () => {
    const { client, started } = aClient({});
    await new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).ensureStarted("dmd-1");
    expect(started).toEqual(["dmd-1"]);
  });

  it.each(["Completed", "Failed", "Terminated", "Running", "Pending"])("never starts over a %s lifecycle (the extension would replace a finished one)", async (status) => {
    const { client, started } = aClient({ "dmd-1": status });
    await new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).ensureStarted("dmd-1");
    expect(started).toEqual([]);
  });

  it("durable: records the lifecycle version in the instance's input, so a later deployment replays it by the rules it started under", async () => {
    const { client, inputs } = aClient({});
    await new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).ensureStarted("dmd-1");
    expect(inputs).toEqual([{ demandId: "dmd-1", settings: DEFAULT_LIFECYCLE_SETTINGS, version: LIFECYCLE_VERSION }]);
  });

  it("does not start when the status cannot be read for another reason", async () => {
    const { client, started } = aClient({});
    (client as unknown as { getStatus: () => Promise<never> }).getStatus = async () => {
      throw new Error("DurableClient error: HTTP 500");
    };
    await expect(new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).ensureStarted("dmd-1")).rejects.toThrow(/500/);
    expect(started).toEqual([]);
  });

  it("starts a demand its caller has just created without reading a status first", async () => {
    const { client, started } = aClient({});
    (client as unknown as { getStatus: () => Promise<never> }).getStatus = async () => {
      throw new Error("no status read expected");
    };
    await new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).ensureStarted("dmd-1", { newDemand: true });
    expect(started).toEqual(["dmd-1"]);
  });
});

describe("DurableLifecycleControl.purgeFinished", () => {
  it("durable: purges only completed and terminated instances created before the cut-off, never failed or running ones", async () => {
    const filters: unknown[] = [];
    const client = { purgeInstanceHistoryBy: async (filter: unknown) => (filters.push(filter), { instancesDeleted: 3 }) } as unknown as DurableClient;
    const before = new Date("2026-03-03T00:00:00.000Z");
    expect(await new DurableLifecycleControl(client, DEFAULT_LIFECYCLE_SETTINGS).purgeFinished(before)).toBe(3);
    expect(filters).toEqual([{ createdTimeFrom: new Date(0), createdTimeTo: before, runtimeStatus: ["Completed", "Terminated"] }]);
  });
});
