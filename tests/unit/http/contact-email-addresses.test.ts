import { describe, expect, it } from "vitest";
import { makeVetRequesterHandler } from "../../../functions/handlers/manage-requester-handlers";
import { aVettingRequest } from "../../support/builders";
import { InMemoryRequesterRegistry } from "../../support/fakes";
import { aContext, aVettingPost, jsonOf } from "../../support/http";

/**
 * A contact's address is one the agency really uses: '#', '+', an apostrophe, Unicode letters (RFC 6531) and a domain
 * written in Unicode (IDNA) are legal, as a demand's email identifiers already may be. What is not an address is a 400.
 */
async function vetWith(email: string) {
  const requesters = new InMemoryRequesterRegistry();
  const vet = makeVetRequesterHandler(async () => ({ requesters, now: () => new Date("2026-11-21T00:00:00Z") }));
  const response = await vet(aVettingPost(aVettingRequest({ contacts: [{ name: "Desk", email }] })), aContext());
  return { response, stored: requesters.items.size };
}

describe("a vetted requester's contact email address", () => {
  it.each(["records#1@police.example", "o'brien+ndo@police.example", "jürgen@polizei.example", "poststelle@bücher.example", "δοκιμή@παράδειγμα.δοκιμή", "desk@xn--bcher-kva.example"])(
    "accepts %s",
    async (email) => {
      const { response, stored } = await vetWith(email);
      expect(response.status).toBe(201);
      expect(stored).toBe(1);
    },
  );

  it.each(["not an email", "desk@police", "desk@@police.example", "de sk@police.example", "desk@police.example\r\nBcc: x@evil.example", "<desk>@police.example", ".desk@police.example", "desk@-police.example"])(
    "refuses %j with a 400 naming the field",
    async (email) => {
      const { response, stored } = await vetWith(email);
      expect(response.status).toBe(400);
      expect((jsonOf(response).errors as { path: string }[]).map((e) => e.path)).toEqual(["contacts.0.email"]);
      expect(stored).toBe(0);
    },
  );
});
