import { beforeAll, describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../shared/adapters/cosmos/cosmos-containers";
import { CosmosRequesterRegistry } from "../../shared/adapters/cosmos/cosmos-requester-registry";
import { makeRequesterActionHandler, makeVetRequesterHandler } from "../../functions/handlers/manage-requester-handlers";
import { authenticateRequester } from "../../shared/use-cases/authenticate-requester";
import { aVettingRequest } from "../support/builders";
import { aContext, aRequest, aVettingPost, jsonOf } from "../support/http";
import { openTestDatabase } from "../support/test-stores";

const input = aVettingRequest();

let registry: CosmosRequesterRegistry;
beforeAll(async () => {
  const database = await openTestDatabase();
  registry = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
});

const deps = async () => ({ requesters: registry, now: () => new Date() });

async function vetOne(): Promise<string> {
  const created = jsonOf(await makeVetRequesterHandler(deps)(aVettingPost(input), aContext())) as { requester: { id: string } };
  return created.requester.id;
}

function act(id: string, action: string) {
  return makeRequesterActionHandler(deps)(aRequest({ method: "POST", params: { id, action } }), aContext());
}

describe("requester administration raced against itself (Cosmos DB, ETags)", () => {
  it("revoke raced with rotate-credential and reinstate: the requester always ends revoked and no new credential works", async () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const id = await vetOne();
      const responses = await Promise.all([act(id, "rotate-credential"), act(id, "revoke"), act(id, "reinstate"), act(id, "rotate-credential")]);
      expect(responses.map((r) => r.status).every((s) => [200, 409].includes(s ?? 0))).toBe(true);
      expect(responses[1]?.status).toBe(200);
      expect((await registry.get(id))?.status).toBe("revoked");
      for (const response of responses) {
        const credential = jsonOf(response).credential;
        if (typeof credential === "string") await expect(authenticateRequester(registry, `Bearer ${credential}`)).rejects.toThrow();
      }
    }
  });

  it("a revoked requester is never reinstated or rotated afterwards", async () => {
    const id = await vetOne();
    expect((await act(id, "revoke")).status).toBe(200);
    expect((await act(id, "reinstate")).status).toBe(409);
    expect((await act(id, "rotate-credential")).status).toBe(409);
    expect((await registry.get(id))?.status).toBe("revoked");
  });
});
