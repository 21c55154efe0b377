import { describe, expect, it } from "vitest";
import { evaluate, planOf, reasonsOf, scenario, setRequesterKind } from "./demand-builder";

// R2: a civil litigant's content request needs the account owner's lawful consent. Consent dated after today has not
// been given (R3 wrong dates: nothing dated in the future), so it cannot unlock content.
const civilWithConsent = (grantedOn: string) =>
  scenario((x) => {
    setRequesterKind(x, "civil_litigant");
    x.body.legalProcess.kind = "subpoena";
    x.body.legalProcess.signature!.role = "attorney";
    x.body.categories = ["subscriber_info", "content_mail"];
    x.body.consent = { accountIdentifier: "alex@example.com", grantedOn, categories: ["content_mail"], documentSha256: "e".repeat(64) };
  });

describe("R2/R3 the account owner's consent cannot be dated in the future", () => {
  it("rejects content sought with consent granted next month (today is 2025-06-15)", () => {
    expect(reasonsOf(evaluate(civilWithConsent("2025-07-15")))).toContain("wrong_dates");
  });

  it("accepts consent granted today", () => {
    expect(planOf(evaluate(civilWithConsent("2025-06-15"))).allowedCategories).toEqual(["subscriber_info", "content_mail"]);
  });
});
