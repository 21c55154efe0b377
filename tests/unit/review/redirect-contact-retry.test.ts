import { describe, expect, it } from "vitest";
import { makeNotifyRequesterHandler } from "../../../activities/handlers/notify-requester";
import { DEMO_ACCOUNTS, DEMO_TENANTS } from "../../../scripts/demo-directory";
import type { EffectLedger } from "../../../shared/ports/effect-ledger";
import type { MailMessage } from "../../../shared/ports/mailer";
import { aDemandBody, aDemandRecord, aRequester } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryRequesterRegistry } from "../../support/fakes";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

/**
 * The effect ledger as CosmosEffectLedger behaves when the process dies (or the ledger write fails) after the effect and
 * before its "done" entry is written: the durable engine retries the activity and the effect runs again.
 */
class CrashOnceLedger implements EffectLedger {
  private readonly done = new Map<string, unknown>();
  private crashed = false;
  async once<T>(key: string, effect: () => Promise<T>): Promise<T> {
    if (this.done.has(key)) return this.done.get(key) as T;
    const result = await effect();
    if (!this.crashed) {
      this.crashed = true;
      throw new Error("process killed before the ledger entry was written");
    }
    this.done.set(key, result);
    return result;
  }
}

describe("the redirect's audit entries survive a retried activity (R12)", () => {
  it("a retry after a crash between the redirect and its ledger entry audits each released contact once", async () => {
    const directory = new InMemoryCustomerDirectory();
    for (const tenant of DEMO_TENANTS) await directory.upsertTenant(tenant);
    for (const account of DEMO_ACCOUNTS) await directory.upsertAccount(account);
    const requesters = new InMemoryRequesterRegistry();
    const requester = aRequester();
    await requesters.create(requester);
    const demands = new InMemoryDemandStore();
    const record = aDemandRecord({ requesterId: requester.id, body: aDemandBody({ targets: [{ type: "email", value: "ceo@fabrikam.example" }] }) });
    await demands.create(record);
    const sent: MailMessage[] = [];
    const audit = new MemoryAuditLog();
    const ledger = new CrashOnceLedger();
    const handler = makeNotifyRequesterHandler(async () => ({
      demands,
      requesters,
      directory,
      audit,
      now: () => new Date("2026-11-25T10:00:00Z"),
      mailer: { send: async (message: MailMessage) => (sent.push(message), { messageId: `m-${sent.length}` }) },
      ledger,
      publicBaseUrl: "https://lrw.example",
    }));
    const input = { demandId: record.id, message: "redirect" as const, effectKey: `${record.id}:requester:redirect`, answerBy: "2026-12-25" };
    await expect(handler(input)).rejects.toThrow(/process killed/);
    await handler(input); // the durable engine's retry
    const released = audit.entries.filter((e) => e.demandId === record.id && e.step === "customer_contact_released");
    expect(released).toHaveLength(1);
  });
});
