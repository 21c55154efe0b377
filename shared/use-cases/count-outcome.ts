import { classifyTargets } from "../domain/classify-targets";
import type { DemandRecord } from "../domain/demand-record";
import type { CustomerDirectory } from "../ports/customer-directory";
import type { OutcomeCounter } from "../ports/outcome-counter";
import type { TransparencyStore } from "../ports/transparency-store";
import { deriveClosedDemandFacts } from "../transparency/closed-demand-facts";
import { countClosedDemand } from "../transparency/count-closed-demand";

/** Counts closed demands in the transparency counters, with the directory's view of their targets (enterprise, data location). */
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
