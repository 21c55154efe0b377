/** The app's Cosmos DB containers and their partition keys (infra/ creates the same in Azure). */
export const COSMOS_CONTAINERS = {
  requesters: { id: "requesters", partitionKey: "/id" },
  demands: { id: "demands", partitionKey: "/id" },
  tenants: { id: "tenants", partitionKey: "/id" },
  accounts: { id: "accounts", partitionKey: "/id" },
} as const;

/** The name of one of the app's containers. */
export type CosmosContainerName = keyof typeof COSMOS_CONTAINERS;
