import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppStack, aReference, poll } from "./app-stack";

let stack: AppStack;
beforeAll(async () => {
  stack = await AppStack.start();
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

/** The lifecycle instance as the local host's durable API reports it. */
async function instanceOf(id: string): Promise<{ createdTime: string; runtimeStatus: string }> {
  const response = await fetch(`${stack.url}/durabletask/instances/${id}`);
  return (await response.json()) as { createdTime: string; runtimeStatus: string };
}

describe("intake end to end (local host)", () => {
  it("a closed demand stays closed: re-posting its body with its Idempotency-Key returns it and never restarts its lifecycle", async () => {
    const ref = aReference("closed");
    // A legally defective demand (no end of range): recorded, rejected, and its lifecycle closes it at once.
    const id = await stack.submit(ref, { dateRange: { from: "2026-01-01" } });
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    const before = await poll("the lifecycle to complete", async () => {
      const instance = await instanceOf(id);
      return instance.runtimeStatus === "Completed" ? instance : undefined;
    });

    const again = await stack.submit(ref, { dateRange: { from: "2026-01-01" } });
    expect(again).toBe(id);
    await new Promise((r) => setTimeout(r, 1_500));
    const after = await instanceOf(id);
    expect(after.runtimeStatus).toBe("Completed");
    expect(after.createdTime).toBe(before.createdTime);
    const status = await stack.status(id);
    expect(status.status).toBe("closed");
    expect(status.outcome).toBe(closed.outcome);
    expect(status.timeline).toEqual(closed.timeline);
  });
});
