import { classifyTargets } from "../domain/classify-targets";
import type { DemandRecord } from "../domain/demand-record";
import type { CustomerDirectory } from "../ports/customer-directory";
import type { OutcomeCounter } from "../ports/outcome-counter";
import type { TransparencyStore } from "../ports/transparency-store";
import { deriveClosedDemandFacts } from "./closed-demand-facts";
import { countClosedDemand } from "./count-closed-demand";

/**
 * The OutcomeCounter the close activity calls: classifies the demand's targets in the customer directory (data
 * location; enterprise only for a demand recorded before intake kept it), derives its facts and counts them exactly
 * once. A retry after the directory changed still counts the facts stored by the first try.
 */
export class TransparencyOutcomeCounter implements OutcomeCounter {
  constructor(
    private readonly store: TransparencyStore,
    private readonly directory: CustomerDirectory,
  ) {}

  async countClosed(record: DemandRecord): Promise<void> {
    const accounts = await this.directory.findAccounts(record.body.targets);
    const tenants = await this.directory.getTenants(accounts.flatMap((a) => (a === null ? [] : [a.tenantId])));
    await countClosedDemand(this.store, deriveClosedDemandFacts(record, classifyTargets(record.body.targets, accounts, tenants)));
  }
}
