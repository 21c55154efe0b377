import type { Timer } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { makeTransparencyPublishTimer } from "../../../functions/handlers/transparency-publish-timer";
import type { MailMessage } from "../../../shared/ports/mailer";
import type { ReportPublisher } from "../../../shared/ports/transparency-store";
import { countClosedDemand } from "../../../shared/transparency/count-closed-demand";
import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { aContext } from "../../support/http";
import { OnceLedger } from "../../support/fakes";
import { someFacts } from "./transparency-fixtures";

class MemoryPublisher implements ReportPublisher {
  readonly files = new Map<string, string>();
  async publishIfAbsent(path: string, body: string): Promise<boolean> {
    if (this.files.has(path)) return false;
    this.files.set(path, body);
    return true;
  }
  async read(path: string): Promise<string | null> {
    return this.files.get(path) ?? null;
  }
}

const timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } } as Timer;

describe("R11: the publication timer", () => {
  it("R11: a publish refused because a rebuild did not finish tells the operators once per refused period, without customer data", async () => {
    const store = new InMemoryTransparencyStore();
    await countClosedDemand(store, someFacts({ period: "2026-H1" }));
    await store.beginRebuild(); // a rebuild that died half-way: never completed
    const mails: MailMessage[] = [];
    const publisher = new MemoryPublisher();
    const ledger = new OnceLedger();
    let today = new Date("2027-01-01T06:00:00.000Z");
    const run = makeTransparencyPublishTimer(async () => ({
      transparency: store,
      publisher,
      firstPeriod: "2026-H1",
      demands: { countPending: async () => 0 },
      ledger,
      mailer: { send: async (m: MailMessage) => (mails.push(m), { messageId: String(mails.length) }) },
      operators: ["ops@provider.example"],
      now: () => today,
    }));
    await expect(run(timer, aContext())).rejects.toMatchObject({ code: "conflict" });
    today = new Date("2027-01-02T06:00:00.000Z");
    await expect(run(timer, aContext())).rejects.toMatchObject({ code: "conflict" });
    expect(publisher.files.size).toBe(0);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(["ops@provider.example"]);
    const text = `${mails[0]?.subject}\n${mails[0]?.text}`;
    expect(text).toContain("2026-H1");
    expect(text).toContain("/api/manage/transparency/rebuild");
  });
});
