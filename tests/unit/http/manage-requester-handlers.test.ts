import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeGetRequesterHandler, makeRequesterActionHandler, makeVetRequesterHandler } from "../../../functions/handlers/manage-requester-handlers";
import { authenticateRequester } from "../../../shared/use-cases/authenticate-requester";
import { aVettingRequest } from "../../support/builders";
import { InMemoryRequesterRegistry } from "../../support/fakes";
import { aContext, aJsonPost, aRequest, aVettingPost, jsonOf } from "../../support/http";

const input = aVettingRequest();

async function setup() {
  const requesters = new InMemoryRequesterRegistry();
  const deps = async () => ({ requesters, now: () => new Date("2026-11-21T00:00:00Z") });
  return { requesters, vet: makeVetRequesterHandler(deps), get: makeGetRequesterHandler(deps), act: makeRequesterActionHandler(deps) };
}

describe("requester management", () => {
  it("vets a requester, shows its credential once, and stores only a hash", async () => {
    const { requesters, vet, get } = await setup();
    const response = await vet(aVettingPost(input), aContext());
    expect(response.status).toBe(201);
    const body = jsonOf(response) as { requester: { id: string; credentialHash?: string }; credential: string };
    expect(body.credential).toMatch(/^lrw1\./);
    expect(body.requester.credentialHash).toBeUndefined();
    const stored = await requesters.get(body.requester.id);
    expect(JSON.stringify(stored)).not.toContain(body.credential.split(".")[3]);
    expect((await authenticateRequester(requesters, `Bearer ${body.credential}`)).id).toBe(body.requester.id);
    const profile = await get(aRequest({ params: { id: body.requester.id } }), aContext());
    expect(JSON.stringify(jsonOf(profile))).not.toContain("credentialHash");
  });

  it("R1: a retried vetting call (same Idempotency-Key) leaves one requester with one live credential, never two", async () => {
    const { requesters, vet, act } = await setup();
    const retry = () => vet(aVettingPost(input, "vet-police-0001"), aContext());
    const first = await retry();
    expect(first.status).toBe(201);
    const lost = jsonOf(first) as { requester: { id: string }; credential: string };
    const again = await retry();
    expect(again.status).toBe(200);
    const replayed = jsonOf(again) as { requester: { id: string }; credential: string };
    expect(replayed.requester.id).toBe(lost.requester.id);
    expect(requesters.items.size).toBe(1);
    // The response the caller finally got holds the one live credential; the one of the lost response no longer works.
    await expect(authenticateRequester(requesters, `Bearer ${lost.credential}`)).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await authenticateRequester(requesters, `Bearer ${replayed.credential}`)).id).toBe(lost.requester.id);
    // The same key with another body, or a replay once the requester was changed, is refused and changes nothing.
    expect((await vet(aVettingPost({ ...input, name: "Other Police" }, "vet-police-0001"), aContext())).status).toBe(409);
    await act(aRequest({ method: "POST", params: { id: lost.requester.id, action: "suspend" } }), aContext());
    expect((await retry()).status).toBe(409);
    expect(requesters.items.size).toBe(1);
    expect((await vet(aJsonPost(input), aContext())).status).toBe(400);
  });

  it("rotates a credential so the old one stops working", async () => {
    const { requesters, vet, act } = await setup();
    const first = jsonOf(await vet(aVettingPost(input), aContext())) as { requester: { id: string }; credential: string };
    const rotated = jsonOf(await act(aRequest({ method: "POST", params: { id: first.requester.id, action: "rotate-credential" } }), aContext())) as { credential: string };
    await expect(authenticateRequester(requesters, `Bearer ${first.credential}`)).rejects.toMatchObject({ code: "unauthenticated" });
    expect((await authenticateRequester(requesters, `Bearer ${rotated.credential}`)).id).toBe(first.requester.id);
  });

  it("suspends, reinstates and revokes for good", async () => {
    const { vet, act } = await setup();
    const { requester } = jsonOf(await vet(aVettingPost(input), aContext())) as { requester: { id: string } };
    const call = (action: string) => act(aRequest({ method: "POST", params: { id: requester.id, action } }), aContext());
    expect(jsonOf(await call("suspend")).status).toBe("suspended");
    expect(jsonOf(await call("reinstate")).status).toBe("active");
    expect(jsonOf(await call("revoke")).status).toBe("revoked");
    expect((await call("reinstate")).status).toBe(409);
    expect((await call("rotate-credential")).status).toBe(409);
    expect((await call("explode")).status).toBe(404);
  });

  it("refuses an invalid vetting request with every field problem", async () => {
    const { vet, requesters } = await setup();
    const response = await vet(aVettingPost({ ...input, country: "Germany", jurisdictions: [], deliveryPublicKeyPem: "nope" }), aContext());
    expect(response.status).toBe(400);
    expect((jsonOf(response).errors as { path: string }[]).map((e) => e.path)).toEqual(expect.arrayContaining(["country", "jurisdictions", "deliveryPublicKeyPem"]));
    expect(requesters.items.size).toBe(0);
  });

  const spki = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();
  it.each([
    ["garbage inside PEM armour", "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n"],
    ["RSA-1024", spki(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey)],
    ["EC P-256", spki(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey)],
    ["Ed25519", spki(generateKeyPairSync("ed25519").publicKey)],
    ["RSA-PSS-only", spki(generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).publicKey)],
  ])("refuses %s as a delivery key with 400 naming the field, storing nothing", async (_name, pem) => {
    const { vet, requesters } = await setup();
    const response = await vet(aVettingPost({ ...input, deliveryPublicKeyPem: pem }), aContext());
    expect(response.status).toBe(400);
    expect(jsonOf(response).errors).toEqual([expect.objectContaining({ path: "deliveryPublicKeyPem" })]);
    expect(requesters.items.size).toBe(0);
  });

  it("accepts an RSA-3072 delivery key", async () => {
    const { vet } = await setup();
    const pem = spki(generateKeyPairSync("rsa", { modulusLength: 3072 }).publicKey);
    expect((await vet(aVettingPost({ ...input, deliveryPublicKeyPem: pem }), aContext())).status).toBe(201);
  });

  it("answers 404 for an unknown requester", async () => {
    const { get } = await setup();
    expect((await get(aRequest({ params: { id: "nobody" } }), aContext())).status).toBe(404);
  });
});
