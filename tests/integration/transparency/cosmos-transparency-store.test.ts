import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosTransparencyStore } from "../../../shared/adapters/cosmos/cosmos-transparency-store";
import { openTestDatabase } from "../../support/test-stores";
import { describeCountingContract } from "../../unit/transparency/counting-contract";

// A fresh database per store, because the rebuild replaces every cell of its container.
describeCountingContract("Cosmos DB", async () => new CosmosTransparencyStore((await openTestDatabase()).container(COSMOS_CONTAINERS.transparency.id)));
