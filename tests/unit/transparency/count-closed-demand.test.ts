import { InMemoryTransparencyStore } from "../../../shared/transparency/in-memory-transparency-store";
import { describeCountingContract } from "./counting-contract";

describeCountingContract("the in-memory store", async () => new InMemoryTransparencyStore());
