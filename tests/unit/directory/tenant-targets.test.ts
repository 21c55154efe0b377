import { describe, expect, it } from "vitest";
import { classifyTargets } from "../../../shared/domain/classify-targets";
import { groupByTenant, joinTargets } from "../../../shared/domain/tenant-targets";
import { aTenant, anAccount } from "../../support/builders";

const b = aTenant({ id: "tenant-b", kind: "organisation", seats: 60, commercialService: true });
const a = aTenant({ id: "tenant-a" });
const targets = [
  { type: "email" as const, value: "x@b.example" },
  { type: "email" as const, value: "y@a.example" },
  { type: "email" as const, value: "nobody@example" },
  { type: "email" as const, value: "z@b.example" },
  { type: "email" as const, value: "orphan@gone.example" },
];
const accounts = [
  anAccount({ tenantId: "tenant-b", identifierValue: "x@b.example" }),
  anAccount({ tenantId: "tenant-a", identifierValue: "y@a.example" }),
  null,
  anAccount({ tenantId: "tenant-b", identifierValue: "z@b.example" }),
  anAccount({ tenantId: "tenant-gone", identifierValue: "orphan@gone.example" }),
];
const tenants = new Map([[a.id, a], [b.id, b]]);

describe("targets to tenants, resolved in one place (intake, notices, disclosure)", () => {
  it("joins each target with its account and tenant, null where the directory has none", () => {
    const joined = joinTargets(targets, accounts, tenants);
    expect(joined.map((r) => [r.target.value, r.account?.tenantId ?? null, r.tenant?.id ?? null])).toEqual([
      ["x@b.example", "tenant-b", "tenant-b"],
      ["y@a.example", "tenant-a", "tenant-a"],
      ["nobody@example", null, null],
      ["z@b.example", "tenant-b", "tenant-b"],
      ["orphan@gone.example", "tenant-gone", null],
    ]);
  });

  it("groups the known targets by tenant in tenant id order and drops the unknown ones", () => {
    const groups = groupByTenant(joinTargets(targets, accounts, tenants));
    expect(groups.map((g) => [g.tenant.id, g.targets.map((t) => t.target.value)])).toEqual([
      ["tenant-a", ["y@a.example"]],
      ["tenant-b", ["x@b.example", "z@b.example"]],
    ]);
  });

  it("classifies from the same join: a target whose tenant is missing counts as not found", () => {
    expect(classifyTargets(targets, accounts, tenants).map((t) => [t.found, t.enterprise])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [true, true],
      [false, false],
    ]);
  });
});
