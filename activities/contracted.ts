import { ActivityContracts, type ActivityInput, type ActivityKey, type ActivityOutput } from "../shared/domain/lifecycle/activity-contracts";
import { traced } from "./traced";

/**
 * Registers-ready handler for a lifecycle activity: its input and output are validated against the one contract map
 * the orchestrator and the tests are typed by, and it is traced. A drift between caller and handler fails loudly here.
 */
export function contracted<K extends ActivityKey>(name: K, handler: (input: ActivityInput<K>) => Promise<ActivityOutput<K>>): (raw: unknown) => Promise<ActivityOutput<K>> {
  const contract = ActivityContracts[name];
  return traced(name, async (raw: unknown) => {
    const input = contract.input.parse(raw) as ActivityInput<K>;
    return contract.output.parse(await handler(input)) as ActivityOutput<K>;
  });
}
