import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosUsedTokenStore } from "../../../shared/adapters/cosmos/cosmos-used-token-store";
import { makeReviewDecisionHandler } from "../../../functions/handlers/review-decision-handler";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import { aContext } from "../../support/http";
import { openTestDatabase } from "../../support/test-stores";
import { aReviewGet, aReviewPost, aReviewWorld } from "../../unit/review/review-fixture";

describe("CosmosUsedTokenStore (Cosmos DB server)", () => {
  let store: CosmosUsedTokenStore;

  beforeAll(async () => {
    const database = await openTestDatabase();
    store = new CosmosUsedTokenStore(database.container(COSMOS_CONTAINERS.usedReviewTokens.id));
  });

  it("marks a token id once; the second mark reports it already used", async () => {
    const jti = randomUUID();
    expect(await store.isUsed(jti)).toBe(false);
    expect(await store.markUsed(jti)).toBe(true);
    expect(await store.isUsed(jti)).toBe(true);
    expect(await store.markUsed(jti)).toBe(false);
  });

  it("lets exactly one of many concurrent marks win", async () => {
    const jti = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.markUsed(jti)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("releases a token so it can be used again, and releasing an unused one is harmless", async () => {
    const jti = randomUUID();
    await store.markUsed(jti);
    await store.release(jti);
    expect(await store.isUsed(jti)).toBe(false);
    expect(await store.markUsed(jti)).toBe(true);
    await expect(store.release(randomUUID())).resolves.toBeUndefined();
  });
});

describe("review decision handler with the Cosmos used-token store", () => {
  it("decides once per link even when the same form is posted twice at the same time", async () => {
    const database = await openTestDatabase();
    const world = await aReviewWorld();
    const deps = { ...world.deps, usedTokens: new CosmosUsedTokenStore(database.container(COSMOS_CONTAINERS.usedReviewTokens.id)) };
    const handler = makeReviewDecisionHandler(() => Promise.resolve(deps));
    const token = world.tokenFor();
    const answers = await Promise.all([1, 2, 3].map(() => handler(aReviewPost(token, { confirm: "yes", action: "approve" }), aContext())));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410, 410]);
    expect(world.deps.decisionSink.submitted).toHaveLength(1);
    expect((await makeReviewPageHandler(() => Promise.resolve(deps))(aReviewGet(token), aContext())).status).toBe(410);
  });
});
