/** The app's Cosmos DB containers and their partition keys (infra/ creates the same in Azure). */
export const COSMOS_CONTAINERS = {
  requesters: { id: "requesters", partitionKey: "/id" },
  demands: { id: "demands", partitionKey: "/id" },
  tenants: { id: "tenants", partitionKey: "/id" },
  accounts: { id: "accounts", partitionKey: "/id" },
  /** Review-link tokens that have been used (id = token id), so each link works once. */
  usedReviewTokens: { id: "usedReviewTokens", partitionKey: "/id" },
  /** The hash-chained audit log: one item per entry, id = sequence number, partitioned by demand. */
  audit: { id: "audit", partitionKey: "/demandId" },
  /** Transparency counters (one item per report cell) and the per-demand "counted" markers. */
  transparency: { id: "transparency", partitionKey: "/id" },
  /** Side effects already performed (notices sent, packages delivered), keyed by an idempotency key. */
  effects: { id: "effects", partitionKey: "/id" },
} as const;
