import type { IdentifierType } from "../enums";
import { parseIpv4, parseIpv6 } from "./ip-address";

/** The verdict on one identifier: usable, malformed (material mistake) or not specific (overly broad). */
export type IdentifierVerdict =
  | { ok: true }
  | { ok: false; problem: "malformed" | "not_specific"; explanation: string };

// Words that name no one in particular; a demand naming them asks for everybody.
const NON_SPECIFIC_WORDS = new Set(["all", "any", "everyone", "everybody", "anyone", "all accounts", "any account"]);
// "*" and "%" are glob and SQL wildcards; they are also legal in RFC 5322 local parts, but no real account needs them and
// a demand carrying them is read as a pattern, not a specific identifier.
const WILDCARD_CHARACTERS = /[*%]/;

// Conservative forms: what the provider's services issue, not everything the RFCs would permit. A local part may use
// Unicode letters, marks and digits (RFC 6531); a domain may be written in Unicode (IDNA) and is checked in its ASCII form.
const EMAIL_LOCAL = /^[\p{L}\p{M}\p{N}!#$&'+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$&'+/=?^_`{|}~-]+)*$/u;
// What a domain may be written with before IDNA conversion: letters, marks, digits, hyphens and dots.
const UNICODE_DOMAIN = /^[\p{L}\p{M}\p{N}.-]+$/u;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
// E.164: "+", a country code not starting with 0, at most 15 digits in all; 7 is the shortest national plan in use.
const E164 = /^\+[1-9]\d{6,14}$/;
// How people write an E.164 number: "+" and the country code, then digits with spaces, hyphens or dots between them and
// at most one pair of parentheses ("+1 (425) 555-0100"); the number is what remains without them.
const WRITTEN_PHONE = /^\+[0-9][0-9 ().-]*[0-9]$/;
const PHONE_SEPARATORS = /[ ().-]/g;
// Decision: account ids are the opaque ids the services issue: letters, digits and hyphens, 6 to 64 long.
const ACCOUNT_ID = /^[A-Za-z0-9-]{6,64}$/;
// Decision: usernames / gamertags start with a letter or digit and then use letters, digits, ".", "_" or "-" (no spaces).
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The ASCII (IDNA / punycode) form of a domain written in Unicode or ASCII, lower case, or null when it cannot be one.
 * "bücher.de" → "xn--bcher-kva.de". Uses the WHATWG URL parser's domain-to-ASCII, a pure function.
 */
export function asciiDomain(domain: string): string | null {
  if (!UNICODE_DOMAIN.test(domain)) return null;
  // IDNA's hyphen rule, which the URL parser does not apply: no label starts or ends with "-".
  if (domain.split(".").some((label) => label.startsWith("-") || label.endsWith("-"))) return null;
  if (/^[A-Za-z0-9.-]*$/.test(domain)) return domain.toLowerCase();
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** A phone number's E.164 form ("+1 (425) 555-0100" → "+14255550100"), or null when it is not one. */
export function e164Of(value: string): string | null {
  if (!WRITTEN_PHONE.test(value) || !/^[^()]*(?:\([0-9 .-]+\)[^()]*)?$/.test(value)) return null;
  const digits = value.replace(PHONE_SEPARATORS, "");
  return E164.test(digits) ? digits : null;
}

/** A local part as its mailbox is named: a needlessly quoted dot-atom ("pat") is the mailbox pat (RFC 5321 §4.1.2). */
export function unquotedLocal(local: string): string {
  const inner = local.slice(1, -1);
  return local.startsWith('"') && local.endsWith('"') && EMAIL_LOCAL.test(inner) ? inner : local;
}

/** Whether a value is an email address in the forms above (what a demand may name, and so what a holder may be reached at). */
export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  // A local part that needs its quotes (spaces, "@", escapes) is one no service here issues: still refused.
  const local = unquotedLocal(value.slice(0, at));
  const domain = at < 0 ? null : asciiDomain(value.slice(at + 1));
  if (domain === null || local.length + 1 + domain.length > 254) return false;
  const labels = domain.split(".");
  const topLevel = labels[labels.length - 1] ?? "";
  return (
    at > 0 &&
    new TextEncoder().encode(local).length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(topLevel)
  );
}

function isUnspecifiedAddress(groups: number[]): boolean {
  // "::ffff:0.0.0.0" is 0.0.0.0 written IPv4-mapped (it has 0.0.0.0's directory key too).
  return groups.every((group, i) => group === 0 || (i === 5 && group === 0xffff && groups.length === 8));
}

function checkIp(value: string): IdentifierVerdict {
  if (value.includes("/") || value.includes("-")) {
    return { ok: false, problem: "not_specific", explanation: "is an address range, not a single IP address" };
  }
  const groups = parseIpv4(value) ?? parseIpv6(value);
  if (groups === null) {
    return { ok: false, problem: "malformed", explanation: "is not a well-formed IPv4 or IPv6 address" };
  }
  if (isUnspecifiedAddress(groups)) {
    return { ok: false, problem: "not_specific", explanation: "is the unspecified address, which stands for any address" };
  }
  return { ok: true };
}

const FORMAT_CHECKS: Readonly<Record<Exclude<IdentifierType, "ip">, { test: (value: string) => boolean; expected: string }>> = {
  email: { test: isEmail, expected: "is not a well-formed email address such as name@example.com" },
  phone: { test: (value) => e164Of(value) !== null, expected: "is not a phone number in E.164 form such as +14255550100" },
  account_id: {
    test: (value) => ACCOUNT_ID.test(value),
    expected: "is not a well-formed account id (6 to 64 letters, digits or hyphens)",
  },
  username: {
    test: (value) => USERNAME.test(value),
    expected: "is not a well-formed username (up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)",
  },
};

/** Checks that an identifier is well formed for its type and names one specific account or address. */
export function validateIdentifier(type: IdentifierType, rawValue: string): IdentifierVerdict {
  const value = rawValue.trim();
  if (NON_SPECIFIC_WORDS.has(value.toLowerCase()) || WILDCARD_CHARACTERS.test(value)) {
    return { ok: false, problem: "not_specific", explanation: "is a wildcard or does not name a specific account" };
  }
  if (type === "ip") return checkIp(value);
  const format = FORMAT_CHECKS[type];
  return format.test(value) ? { ok: true } : { ok: false, problem: "malformed", explanation: format.expected };
}
