import { describe, expect, it } from "vitest";
import { makeAlertOperatorHandler } from "../../../activities/handlers/alert-operator";
import { EMERGENCY_UNDECIDED } from "../../../shared/domain/lifecycle/decider";
import type { MailMessage } from "../../../shared/ports/mailer";
import { OnceLedger } from "../../support/fakes";

function alerting() {
  const sent: MailMessage[] = [];
  const ledger = new OnceLedger();
  const mailer = { send: async (m: MailMessage) => (sent.push(m), { messageId: `m-${sent.length}` }) };
  const alert = makeAlertOperatorHandler(async () => ({ mailer, ledger, operators: ["ops@example.test"], publicBaseUrl: "https://lrw.example.test" }));
  return { sent, alert };
}

describe("R10: the operators' mail for an emergency undecided past its deadline", () => {
  it("R10: says the emergency waits for a reviewer's decision, not that a step failed or that it should be resumed; sent once per key", async () => {
    const { sent, alert } = alerting();
    await alert({ demandId: "dmd-1", key: "dmd-1:alert:emergency-undecided:review-1", code: EMERGENCY_UNDECIDED });
    await alert({ demandId: "dmd-1", key: "dmd-1:alert:emergency-undecided:review-1", code: EMERGENCY_UNDECIDED });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("Emergency request undecided: dmd-1");
    expect(sent[0]!.text).toContain("without a reviewer's decision");
    expect(sent[0]!.text).not.toMatch(/kept failing|resume/);
  });

  it("R12: a parked demand's mail is unchanged (failed step, how to resume)", async () => {
    const { sent, alert } = alerting();
    await alert({ demandId: "dmd-1", key: "dmd-1:alert:3", code: "smtp-unavailable" });
    expect(sent[0]!.subject).toBe("Demand needs an operator: dmd-1");
    expect(sent[0]!.text).toContain("/api/manage/demands/dmd-1/resume");
  });
});
