import { describe, expect, it } from "vitest";
import { validateIdentifier } from "../../../shared/domain/policy/identifier";
import { identifierKey } from "../../../shared/domain/tenant";

/**
 * R3: "material mistakes" is for malformed identifiers. A phone number in E.164 written the way people write it (spaces,
 * hyphens, parentheses after the country code) and an email whose local part is quoted for no reason (RFC 5321: the same
 * mailbox) are valid identifiers; refusing them rejected a sound demand. Accepted, they must reach the same account.
 */
describe("R3: valid identifiers written in an unusual but correct form", () => {
  it.each(["+1 425 555 0100", "+1 (425) 555-0100", "+1-425-555-0100", "+1.425.555.0100", "+44 20 7946 0958"])("R3: phone %s is accepted", (value) => {
    expect(validateIdentifier("phone", value)).toEqual({ ok: true });
  });

  it("R3: a phone number written with separators finds the account its E.164 form reaches", () => {
    expect(identifierKey("phone", "+1 (425) 555-0100")).toBe(identifierKey("phone", "+14255550100"));
  });

  it.each(["425-555-0100", "+0 425 555 0100", "+1 425 555 0100 ext 7", "+1  425", "+1 425 555 01001234567", "(+1) 425 555 0100"])(
    "R3: phone %s is still a material mistake",
    (value) => {
      expect(validateIdentifier("phone", value)).toMatchObject({ ok: false, problem: "malformed" });
    },
  );

  it("R3: an email with a needlessly quoted local part is accepted and keyed as the same mailbox", () => {
    expect(validateIdentifier("email", '"pat"@outlook.example')).toEqual({ ok: true });
    expect(validateIdentifier("email", '"pat.lee+legal"@outlook.example')).toEqual({ ok: true });
    expect(identifierKey("email", '"Pat"@outlook.example')).toBe(identifierKey("email", "pat@outlook.example"));
  });

  it.each(['"pat lee"@outlook.example', '"pat\\"lee"@outlook.example', '""@outlook.example', '"pat@outlook.example', 'pat"@outlook.example'])(
    "R3: email %s (a local part no service here issues, or unbalanced quotes) is still refused",
    (value) => {
      expect(validateIdentifier("email", value)).toMatchObject({ ok: false, problem: "malformed" });
    },
  );
});
