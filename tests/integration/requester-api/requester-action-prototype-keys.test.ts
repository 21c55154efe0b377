import { beforeAll, describe, expect, it } from "vitest";
import { COSMOS_CONTAINERS } from "../../../shared/adapters/cosmos/cosmos-containers";
import { CosmosRequesterRegistry } from "../../../shared/adapters/cosmos/cosmos-requester-registry";
import { makeGetRequesterHandler, makeRequesterActionHandler, makeVetRequesterHandler } from "../../../functions/handlers/manage-requester-handlers";
import { authenticateRequester } from "../../../shared/use-cases/authenticate-requester";
import { aVettingRequest } from "../../support/builders";
import { aContext, aRequest, aVettingPost, jsonOf } from "../../support/http";
import { openTestDatabase } from "../../support/test-stores";

let registry: CosmosRequesterRegistry;
beforeAll(async () => {
  const database = await openTestDatabase();
  registry = new CosmosRequesterRegistry(database.container(COSMOS_CONTAINERS.requesters.id));
});

const deps = async () => ({ requesters: registry, now: () => new Date() });

describe("POST /api/manage/requesters/{id}/{action} with an action named like an Object.prototype member", () => {
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"])(
    "%s is an unknown action (404 problem) and the requester is left as it was",
    async (action) => {
      const vetted = jsonOf(await makeVetRequesterHandler(deps)(aVettingPost(aVettingRequest()), aContext())) as { requester: { id: string }; credential: string };
      const id = vetted.requester.id;
      // A suspended requester must stay suspended whatever the administrator mistypes.
      expect((await makeRequesterActionHandler(deps)(aRequest({ method: "POST", params: { id, action: "suspend" } }), aContext())).status).toBe(200);

      const response = await makeRequesterActionHandler(deps)(aRequest({ method: "POST", params: { id, action } }), aContext());
      expect(response.status).toBe(404);
      expect((response.headers as Record<string, string>)["content-type"]).toBe("application/problem+json");

      // The stored record is untouched: still readable, still suspended, and the admin can still read it.
      expect((await registry.get(id))?.status).toBe("suspended");
      expect((await makeGetRequesterHandler(deps)(aRequest({ params: { id } }), aContext())).status).toBe(200);
      await expect(authenticateRequester(registry, `Bearer ${vetted.credential}`)).rejects.toMatchObject({ code: "requester-suspended" });
    },
  );
});
