import { describe, expect, it, vi } from "vitest";
import type { DemandSubmission } from "../../../shared/domain/demand";
import { checkDates } from "../../../shared/domain/policy/checks/check-dates";
import type { PolicyContext } from "../../../shared/domain/policy/policy-context";

// The host's clock after earlier runs of the demo moved it (each run moves it about four months).
const HOST_NOW = new Date(Date.now() + 250 * 86_400_000);
const submitted = vi.hoisted(() => [] as unknown[]);

vi.mock("../../../scripts/stack-info", () => ({
  readStackInfo: () => ({ apiUrl: "http://stack.test", mailUrl: "http://mail.test", credential: "lrw1.x", staffPassword: "p", adminKey: "k" }),
}));

vi.mock("../../../scripts/stack-client", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../scripts/stack-client")>();
  class FakeStackClient {
    async submit(submission: unknown): Promise<string> {
      submitted.push(submission);
      return `dmd-${submitted.length}`;
    }
    async clock(): Promise<Date> {
      return HOST_NOW;
    }
    async advance(): Promise<string> {
      return HOST_NOW.toISOString();
    }
    async reviewLink(): Promise<string> {
      return "http://stack.test/api/review/token";
    }
    async decide(): Promise<void> {}
    async waitForMails(): Promise<void> {}
    async api(): Promise<{ status: number; body: unknown }> {
      return { status: 202, body: {} };
    }
    async waitFor(): Promise<{ status: string; outcome: string; timeline: [] }> {
      return { status: "closed", outcome: "rejected", timeline: [] };
    }
    async status(): Promise<{ timeline: [] }> {
      return { timeline: [] };
    }
  }
  return { ...original, StackClient: FakeStackClient };
});

describe("npm run demo", () => {
  it("dates every demand from the host's clock, so a run after earlier runs moved it files demands that have not expired", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await import("../../../scripts/demo");
    await vi.waitFor(() => expect(submitted).toHaveLength(5));
    log.mockRestore();
    // The third demand is unsigned on purpose; its dates must still be sound.
    for (const [index, body] of (submitted as DemandSubmission[]).entries()) {
      const problems = checkDates({ body, ctx: { now: HOST_NOW.toISOString() } as PolicyContext });
      expect(problems, `demand ${index + 1}`).toEqual([]);
    }
  });
});
