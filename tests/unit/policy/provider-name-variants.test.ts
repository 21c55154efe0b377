import { describe, expect, it } from "vitest";
import { namesProvider } from "../../../shared/domain/policy";
import { evaluate, reasonsOf, scenario } from "./demand-builder";

// R3 wrong provider is "addressed to another company". The same company written with its legal form abbreviated or
// spelled out, or with the abbreviation punctuated, is not another company.
const ROWS: [addressedTo: string, legalNames: string[]][] = [
  ["Contoso Cloud Services, L.L.C.", ["Contoso Cloud Services LLC"]],
  ["Contoso Cloud Services Limited Liability Company", ["Contoso Cloud Services LLC"]],
  ["Custodian of Records, Contoso Corp.", ["Contoso Ltd", "Contoso Corporation"]],
  ["Contoso Limited", ["Contoso Ltd", "Contoso Corporation"]],
  ["Contoso Incorporated", ["Contoso Inc."]],
  ["CONTOSO, INC", ["Contoso Incorporated"]],
  ["Contoso Company", ["Contoso Co."]],
  ["Contoso P.L.C.", ["Contoso plc"]],
];

describe("R3 wrong provider: the provider's own name with its legal form written another way", () => {
  it.each(ROWS)("%j names %j", (addressedTo, legalNames) => {
    expect(namesProvider(addressedTo, legalNames)).toBe(true);
    const s = scenario((x) => {
      x.body.legalProcess.addressedTo = addressedTo;
      x.ctx.provider.legalNames = legalNames;
    });
    expect(reasonsOf(evaluate(s))).toEqual([]);
  });

  it.each([
    ["Contoso Bank Ltd", ["Contoso Ltd"]],
    ["Fabrikam Incorporated", ["Contoso Inc."]],
    ["Contoso Inc.", ["Contoso Ltd"]],
  ])("still refuses %j for %j", (addressedTo, legalNames) => {
    expect(namesProvider(addressedTo, legalNames)).toBe(false);
  });
});
