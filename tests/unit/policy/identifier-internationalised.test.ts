import { describe, expect, it } from "vitest";
import { validateIdentifier } from "../../../shared/domain/policy";
import { identifierKey } from "../../../shared/domain/tenant";
import { evaluate, reasonsOf, scenario, setTargets } from "./demand-builder";

// R3 material mistakes are malformed identifiers. An internationalised address (RFC 6531 local part, IDNA domain,
// RFC 5890) is well formed: its ASCII (punycode) spelling is accepted already, so its Unicode spelling must be too.
const VALID: string[] = ["anna@bücher.de", "josé@example.com", "müller@münchen.de", "用户@例子.广告", "пользователь@пример.рф", "a#b+c@bücher.de"];

describe("R3 material mistakes: internationalised email addresses are well formed", () => {
  it.each(VALID)("%j is accepted", (value) => {
    expect(validateIdentifier("email", value)).toEqual({ ok: true });
    expect(reasonsOf(evaluate(scenario((s) => setTargets(s, [{ type: "email", value }]))))).toEqual([]);
  });

  it.each(["anna@bü cher.de", "anna@-bücher.de", "josé..x@example.com", "anna@bücher", "anna@bücher..de", "anna@bü/cher.de"])("%j is still malformed", (value) => {
    const verdict = validateIdentifier("email", value);
    expect(verdict.ok ? "ok" : verdict.problem).toBe("malformed");
  });

  it("keys the Unicode and the punycode spelling of a domain alike, so the directory finds the account either way (R4, R5)", () => {
    expect(identifierKey("email", "anna@bücher.de")).toBe(identifierKey("email", "anna@xn--bcher-kva.de"));
    expect(identifierKey("email", "Anna@BÜCHER.de")).toBe(identifierKey("email", "anna@xn--bcher-kva.de"));
  });
});
