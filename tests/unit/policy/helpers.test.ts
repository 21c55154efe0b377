import { describe, expect, it } from "vitest";
import {
  daysBetween,
  EU_EEA_COUNTRIES,
  inclusiveRangeDays,
  isAuthorisedSigner,
  isDateBefore,
  isEuEeaCountry,
  isPlaceholderText,
  isProcessAvailable,
  namesProvider,
  utcDateOf,
} from "../../../shared/domain/policy";

describe("dates", () => {
  it.each([
    ["2025-01-01", "2025-01-01", 0],
    ["2025-01-01", "2025-01-31", 30],
    ["2024-02-28", "2024-03-01", 2],
    ["2025-02-28", "2025-03-01", 1],
    ["2025-03-01", "2025-02-28", -1],
    ["2025-03-29", "2025-03-31", 2],
  ])("daysBetween(%s, %s) = %i", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it("counts an inclusive range", () => {
    expect(inclusiveRangeDays("2025-06-15", "2025-06-15")).toBe(1);
    expect(inclusiveRangeDays("2024-01-01", "2024-12-31")).toBe(366);
  });

  it.each([
    ["2025-06-15T12:00:00Z", "2025-06-15"],
    ["2025-06-15T23:30:00-02:00", "2025-06-16"],
    ["2025-06-16T00:30:00+02:00", "2025-06-15"],
  ])("utcDateOf(%s) = %s", (now, date) => {
    expect(utcDateOf(now)).toBe(date);
  });

  it("refuses what is not a date", () => {
    expect(() => utcDateOf("yesterday")).toThrow(RangeError);
    expect(() => daysBetween("2025-13-01", "2025-01-01")).toThrow(RangeError);
    expect(() => isDateBefore("2025-1-1", "2025-01-02")).toThrow(RangeError);
  });

  it("orders dates", () => {
    expect(isDateBefore("2025-06-14", "2025-06-15")).toBe(true);
    expect(isDateBefore("2025-06-15", "2025-06-15")).toBe(false);
  });
});

describe("namesProvider", () => {
  const names = ["Contoso Ltd", "Contoso Corporation"];
  it.each([
    ["Contoso Ltd", true],
    ["contoso ltd.", true],
    ["Custodian of Records, CONTOSO, LTD.", true],
    ["Contoso Corporation – Legal", true],
    ["Contosoft Ltd", false],
    ["Contoso", false],
    ["Fabrikam Inc.", false],
    ["", false],
  ])("%j → %s", (addressedTo, expected) => {
    expect(namesProvider(addressedTo, names)).toBe(expected);
  });

  it("ignores accents and does not match on an empty legal name", () => {
    expect(namesProvider("Société Générale Cloud", ["Societe Generale Cloud"])).toBe(true);
    expect(namesProvider("Anyone", ["", "..."])).toBe(false);
  });
});

describe("isPlaceholderText", () => {
  it.each([
    ["n/a", true],
    ["N/A", true],
    [" TBD ", true],
    ["-", true],
    ["See attached.", true],
    ["A child was taken an hour ago.", false],
    ["Kidnapping in progress", false],
  ])("%j → %s", (text, expected) => {
    expect(isPlaceholderText(text)).toBe(expected);
  });
});

describe("process authority", () => {
  it.each([
    ["emergency_request", "law_enforcement", true],
    ["emergency_request", "other_government", false],
    ["emergency_request", "civil_litigant", false],
    ["national_security", "other_government", true],
    ["search_warrant", "civil_litigant", false],
    ["subpoena", "civil_litigant", true],
    ["court_order", "civil_litigant", true],
  ] as const)("%s available to %s: %s", (process, requester, expected) => {
    expect(isProcessAvailable(process, requester)).toBe(expected);
  });

  it.each([
    ["subpoena", "attorney", "civil_litigant", true],
    ["subpoena", "attorney", "law_enforcement", false],
    ["subpoena", "court_clerk", "law_enforcement", true],
    ["search_warrant", "magistrate", "law_enforcement", true],
    ["court_order", "prosecutor", "law_enforcement", false],
    ["account_owner_consent", "account_owner", "civil_litigant", true],
    ["account_owner_consent", "attorney", "civil_litigant", false],
    ["national_security", "judge", "other_government", true],
  ] as const)("%s signed by %s for %s: %s", (process, role, requester, expected) => {
    expect(isAuthorisedSigner(process, role, requester)).toBe(expected);
  });
});

describe("EU/EEA countries", () => {
  it("lists the 27 EU and 3 other EEA states, once each", () => {
    expect(EU_EEA_COUNTRIES).toHaveLength(30);
    expect(new Set(EU_EEA_COUNTRIES).size).toBe(30);
  });

  it.each([
    ["DE", true],
    ["GR", true],
    ["NO", true],
    ["IS", true],
    ["LI", true],
    ["CH", false],
    ["GB", false],
    ["US", false],
  ])("%s → %s", (country, expected) => {
    expect(isEuEeaCountry(country)).toBe(expected);
  });
});
