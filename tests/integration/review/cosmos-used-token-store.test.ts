import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosUsedTokenStore } from "../../../shared/adapters/cosmos/cosmos-used-token-store";
import { makeReviewDecisionHandler } from "../../../functions/handlers/review-decision-handler";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import { aContext } from "../../support/http";
import { openTestDatabase } from "../../support/test-stores";
import { aPageGet, aReviewPost, aReviewWorld } from "../../unit/review/review-fixture";

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
  it("records one reviewer's decision once: posts racing each other raise only that reviewer's decision, a later post is refused", async () => {
    const database = await openTestDatabase();
    const world = await aReviewWorld();
    const deps = { ...world.deps, usedTokens: new CosmosUsedTokenStore(database.container(COSMOS_CONTAINERS.usedReviewTokens.id)) };
    const handler = makeReviewDecisionHandler(() => Promise.resolve(deps));
    const { cookie, csrf } = await world.sessionFor("ana@compliance.example");
    const post = () => aReviewPost(world.record.id, { confirm: "yes", round: "review-1", csrf, intent: "decide", action: "approve" }, { cookie });
    const answers = await Promise.all([1, 2, 3].map(() => handler(post(), aContext())));
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    // The lifecycle ignores a second decision by the same reviewer in the same round; only one identity decided.
    expect(new Set(world.deps.lifecycle.submitted.map((s) => s.event.reviewer))).toEqual(new Set(["ana@compliance.example"]));
    expect((await handler(post(), aContext())).status).toBe(409);
    expect((await makeReviewPageHandler(() => Promise.resolve(deps))(aPageGet(world.record.id, cookie), aContext())).status).toBe(409);
  });
});
