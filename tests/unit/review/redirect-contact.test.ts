import { describe, expect, it } from "vitest";
import { makeNotifyRequesterHandler } from "../../../activities/handlers/notify-requester";
import { DEMO_ACCOUNTS, DEMO_TENANTS } from "../../../scripts/demo-directory";
import type { MailMessage } from "../../../shared/ports/mailer";
import { identifierKey, type AccountMapping, type Tenant } from "../../../shared/domain/tenant";
import { aDemandBody, aDemandRecord, aRequester, aTenant } from "../../support/builders";
import { InMemoryCustomerDirectory, InMemoryDemandStore, InMemoryRequesterRegistry } from "../../support/fakes";
import { aPlan } from "../../support/lifecycle-demands";
import { MemoryAuditLog } from "../disclosure/disclosure-fakes";

async function redirect(options: { withoutLegalContact?: boolean; targets?: { type: "email"; value: string }[]; extra?: { tenant: Tenant; account: AccountMapping }; message?: "redirect" | "redirect_reason_refused"; partial?: boolean; directTargets?: number[] } = {}) {
  const directory = new InMemoryCustomerDirectory();
  if (options.extra !== undefined) {
    await directory.upsertTenant(options.extra.tenant);
    await directory.upsertAccount(options.extra.account);
  }
  for (const tenant of DEMO_TENANTS) {
    const { legalContact, ...rest } = tenant;
    await directory.upsertTenant(options.withoutLegalContact === true || legalContact === undefined ? rest : { ...rest, legalContact });
  }
  for (const account of DEMO_ACCOUNTS) await directory.upsertAccount(account);
  const requesters = new InMemoryRequesterRegistry();
  const requester = aRequester();
  await requesters.create(requester);
  const demands = new InMemoryDemandStore();
  const plan = options.directTargets === undefined ? {} : { plan: aPlan({ redirect: true, directTargets: options.directTargets }) };
  const record = aDemandRecord({ requesterId: requester.id, ...plan, body: aDemandBody({ targets: options.targets ?? [{ type: "email", value: "ceo@fabrikam.example" }, { type: "email", value: "pat@outlook.example" }] }) });
  await demands.create(record);
  const sent: MailMessage[] = [];
  const audit = new MemoryAuditLog();
  const handler = makeNotifyRequesterHandler(async () => ({
    demands,
    requesters,
    directory,
    audit,
    now: () => new Date("2026-11-25T10:00:00Z"),
    mailer: { send: async (message: MailMessage) => (sent.push(message), { messageId: "m-1" }) },
    ledger: { once: <T>(_key: string, effect: () => Promise<T>) => effect() },
    publicBaseUrl: "https://lrw.example",
  }));
  await handler({ demandId: record.id, message: options.message ?? "redirect", effectKey: "k", ...(options.message === "redirect_reason_refused" ? (options.partial === true ? {} : { outcome: "redirected" as const }) : { answerBy: "2026-12-25" }) });
  return { message: sent[0]!, audit, demandId: record.id };
}

describe("the redirect names the customer and its contact for legal requests (R4, issue 11 item 13)", () => {
  it("names the organisation and its designated legal contact, and audits that it was released", async () => {
    const { message, audit, demandId } = await redirect();
    expect(message.text).toMatch(/contact for legal requests: fabrikam gmbh/i);
    expect(message.text).toContain("Legal Department, legal-requests@fabrikam.example, +49 30 1234567");
    // Nothing more: not the admins, not the account, not the other (consumer) customer, not the key vault.
    for (const secret of ["legal@fabrikam.example", "acct-fab-0001", "Pat Doe", "fabrikam-keys.vault", "tenant-fabrikam"]) expect(message.text + message.html).not.toContain(secret);
    const released = audit.entries.filter((e) => e.demandId === demandId && e.step === "customer_contact_released");
    expect(released).toHaveLength(1);
    expect(released[0]!.detail).toBe("the redirect named tenant tenant-fabrikam and its designated legal contact to the requester");
  });

  it("falls back to the tenant's admins when it set no legal contact", async () => {
    const { message, audit } = await redirect({ withoutLegalContact: true });
    expect(message.text).toMatch(/contact for legal requests: fabrikam gmbh/i);
    expect(message.text).toContain("Fabrikam Legal, legal@fabrikam.example");
    expect(audit.entries.find((e) => e.step === "customer_contact_released")?.detail).toContain("admins (no legal contact set)");
  });
});

describe("R4/R5 (c): a redirect names no customer whose named accounts are all on de-linked services", () => {
  it("R4: a second enterprise customer named only through a de-linked service is not named to the requester", async () => {
    const tenant = aTenant({ id: "tenant-contoso", name: "Contoso Ltd", kind: "organisation", seats: 900, commercialService: true, delinkedServices: ["anonymous-links"], legalContact: { organisation: "Contoso Ltd", email: "legal@contoso.example" } });
    const account: AccountMapping = { id: identifierKey("email", "share@contoso.example"), identifierType: "email", identifierValue: "share@contoso.example", accountId: "acct-con-1", tenantId: tenant.id, service: "anonymous-links" };
    const { message, audit } = await redirect({ targets: [{ type: "email", value: "ceo@fabrikam.example" }, { type: "email", value: "share@contoso.example" }], extra: { tenant, account } });
    expect(message.text).toMatch(/contact for legal requests: fabrikam gmbh/i);
    expect(message.text + message.html).not.toMatch(/contoso/i);
    expect(audit.entries.filter((e) => e.step === "customer_contact_released").map((e) => e.detail)).toEqual([
      "the redirect named tenant tenant-fabrikam and its designated legal contact to the requester",
    ]);
  });
});

describe("R4: after a reviewer refused the requester's reason, the demand is closed as redirected", () => {
  it("R4: the requester is told to seek the data from the customer, not that its demand was rejected", async () => {
    const { message } = await redirect({ message: "redirect_reason_refused" });
    expect(message.subject).not.toMatch(/rejected/i);
    expect(message.text).not.toMatch(/Your demand was rejected|submit a corrected demand/);
    expect(message.text).toMatch(/seek the data from the customer/i);
    expect(message.text).toMatch(/redirected/i);
  });
});

describe("R4: a refused reason on a demand that also names consumer accounts, which goes on", () => {
  it("R4: the requester is told the enterprise identifiers stay redirected and the rest is still reviewed, not that the demand closed", async () => {
    const { message } = await redirect({ message: "redirect_reason_refused", partial: true });
    expect(message.subject).not.toMatch(/closed|rejected/i);
    expect(message.text).not.toMatch(/is closed/i);
    expect(message.text).toMatch(/stay redirected/i);
    expect(message.text).toMatch(/still being reviewed/i);
  });
});

describe("R4: the redirect of a demand that also names consumer accounts", () => {
  it("R4: names which identifiers are redirected and which are reviewed now (by position), the enterprise customer only, and that the answer is taken until the release", async () => {
    const { message } = await redirect({ directTargets: [1] });
    expect(message.text).toMatch(/Redirected \(by their position in your demand\)[^\n]*Identifier 1 \(/);
    expect(message.text).toMatch(/reviewed now[^\n]*Identifier 2 \(/);
    expect(message.text).not.toMatch(/The account your demand names belongs/);
    expect(message.text).toMatch(/whichever comes first/);
    expect(message.text).toMatch(/contact for legal requests: fabrikam gmbh/i);
    expect(message.text + message.html).not.toMatch(/ceo@fabrikam|pat@outlook/);
  });

  it("R4: a demand redirected whole keeps its message", async () => {
    const { message } = await redirect();
    expect(message.text).toMatch(/The account your demand names belongs to an enterprise customer/);
    expect(message.text).toMatch(/the demand is closed as redirected/);
  });
});
