import type { Outcome, RequesterKind } from "../domain/enums";
import type { ClosedDemandFacts } from "./closed-demand-facts";

/** The dimensions of one report cell: every counted fact except the demand id and the account count. */
export interface CellKey {
  period: string;
  country: string;
  requesterKind: RequesterKind;
  nationalSecurity: boolean;
  outcome: Outcome;
  enterprise: boolean;
  secrecyOrder: boolean;
  emergency: boolean;
  contentOutsideRequesterCountry: boolean;
}

/** A counter: how many closed demands fall in a cell and how many accounts they named. */
export interface CounterCell extends CellKey {
  id: string;
  demands: number;
  accounts: number;
}

/** The cell a closed demand is counted in. */
export function cellKeyOf(facts: ClosedDemandFacts): CellKey {
  return {
    period: facts.period,
    country: facts.country,
    requesterKind: facts.requesterKind,
    nationalSecurity: facts.nationalSecurity,
    outcome: facts.outcome,
    enterprise: facts.enterprise,
    secrecyOrder: facts.secrecyOrder,
    emergency: facts.emergency,
    contentOutsideRequesterCountry: facts.contentOutsideRequesterCountry,
  };
}

/** The stable id of a cell: "cell:<period>:<country>:<kind>:<outcome>:<five 0/1 flags>". */
export function cellIdOf(key: CellKey): string {
  const flags = [key.nationalSecurity, key.enterprise, key.secrecyOrder, key.emergency, key.contentOutsideRequesterCountry].map((f) => (f ? "1" : "0")).join("");
  return `cell:${key.period}:${key.country}:${key.requesterKind}:${key.outcome}:${flags}`;
}

/** Adds demands into cells in memory (the rebuild and the rescan benchmark use it). */
export function aggregateCells(facts: Iterable<ClosedDemandFacts>): CounterCell[] {
  const cells = new Map<string, CounterCell>();
  for (const f of facts) {
    const key = cellKeyOf(f);
    const id = cellIdOf(key);
    const cell = cells.get(id);
    if (cell === undefined) cells.set(id, { ...key, id, demands: 1, accounts: f.accountsSpecified });
    else {
      cell.demands += 1;
      cell.accounts += f.accountsSpecified;
    }
  }
  return [...cells.values()];
}
