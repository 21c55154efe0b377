import { describe, expect, it } from "vitest";
import type { IdentifierType } from "../../../shared/domain/enums";
import { validateIdentifier } from "../../../shared/domain/policy";

type Verdict = "ok" | "malformed" | "not_specific";

const ROWS: [IdentifierType, string, Verdict][] = [
  ["email", "alex@example.com", "ok"],
  ["email", "first.last+tag@mail.example.co.uk", "ok"],
  ["email", "o'brien@example.ie", "ok"],
  ["email", "user@xn--80ak6aa92e.xn--p1ai", "ok"],
  ["email", "alex.example.com", "malformed"],
  ["email", "@example.com", "malformed"],
  ["email", "alex@", "malformed"],
  ["email", "alex@example", "malformed"],
  ["email", "alex@@example.com", "malformed"],
  ["email", "alex..smith@example.com", "malformed"],
  ["email", ".alex@example.com", "malformed"],
  ["email", "alex@-example.com", "malformed"],
  ["email", "alex@example.c0m", "malformed"],
  ["email", "alex smith@example.com", "malformed"],
  ["email", `${"a".repeat(65)}@example.com`, "malformed"],
  ["email", "*@example.com", "not_specific"],
  ["email", "%", "not_specific"],
  ["phone", "+14255550100", "ok"],
  ["phone", "+442079460958", "ok"],
  ["phone", "14255550100", "malformed"],
  ["phone", "+1 425 555 0100", "ok"],
  ["phone", "+04255550100", "malformed"],
  ["phone", "+1234567890123456", "malformed"],
  ["phone", "+12345", "malformed"],
  ["ip", "192.0.2.1", "ok"],
  ["ip", "255.255.255.255", "ok"],
  ["ip", "2001:db8::1", "ok"],
  ["ip", "2001:0db8:0000:0000:0000:ff00:0042:8329", "ok"],
  ["ip", "::1", "ok"],
  ["ip", "::ffff:192.0.2.1", "ok"],
  ["ip", "192.0.2", "malformed"],
  ["ip", "192.0.2.01", "malformed"],
  ["ip", "192.0.2.300", "malformed"],
  ["ip", "2001:db8:::1", "malformed"],
  ["ip", "2001:db8::g", "malformed"],
  ["ip", "1:2:3:4:5:6:7:8:9", "malformed"],
  ["ip", "fe80::1%eth0", "not_specific"],
  ["ip", "10.0.0.0/8", "not_specific"],
  ["ip", "10.0.0.*", "not_specific"],
  ["ip", "0.0.0.0", "not_specific"],
  ["ip", "::", "not_specific"],
  // The IPv4 unspecified address written IPv4-mapped is the same address (and the same directory key).
  ["ip", "::ffff:0.0.0.0", "not_specific"],
  ["ip", "::ffff:192.0.2.1", "ok"],
  ["account_id", "acct-7f3a9c", "ok"],
  ["account_id", "ABCDEF", "ok"],
  ["account_id", "abc12", "malformed"],
  ["account_id", "acct_7f3a9c", "malformed"],
  ["account_id", "a".repeat(65), "malformed"],
  ["account_id", "any", "not_specific"],
  ["username", "gamer_tag.99", "ok"],
  ["username", "x", "ok"],
  ["username", "_hidden", "malformed"],
  ["username", "two words", "malformed"],
  ["username", "Everyone", "not_specific"],
  ["username", "all", "not_specific"],
];

describe("validateIdentifier", () => {
  it.each(ROWS)("%s %j → %s", (type, value, expected) => {
    const verdict = validateIdentifier(type, value);
    expect(verdict.ok ? "ok" : verdict.problem).toBe(expected);
  });

  it("never repeats the value in its explanation", () => {
    const verdict = validateIdentifier("email", "secret.person@@example.com");
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? "" : verdict.explanation).not.toContain("secret.person");
  });
});
