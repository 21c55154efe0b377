import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { makeCreateTenantHandler } from "../../../functions/handlers/manage-tenant-handlers";
import { aContext, aJsonPost } from "../../support/http";
import { InMemoryCustomerDirectory } from "../../support/fakes";

let directory: InMemoryCustomerDirectory;
const deps = async () => ({ directory });

const lee = {
  id: "tenant-lee",
  name: "Lee",
  kind: "consumer",
  seats: 1,
  commercialService: false,
  adminContacts: [{ name: "Lee", email: "lee@outlook.example" }],
  dataCountry: "US",
  delinkedServices: [],
  accounts: [{ accountId: "acct-lee-1", service: "mail", holderEmail: "lee@outlook.example", identifiers: [{ type: "email", value: "lee@outlook.example" }] }],
};

function rsaPublicKeyPem(modulusLength: number, exponent = "AQAB"): string {
  const jwk = generateKeyPairSync("rsa", { modulusLength }).publicKey.export({ format: "jwk" });
  return createPublicKey({ key: { ...jwk, e: exponent }, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}

beforeEach(() => {
  directory = new InMemoryCustomerDirectory();
});

const problemPaths = (response: { jsonBody?: unknown }) => ((response.jsonBody as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

describe("a customer-held key is refused at registration unless it can protect a package (R7, format §9)", () => {
  for (const [what, publicKeyPem] of [
    ["a 1024-bit RSA key (breakable)", rsaPublicKeyPem(1024)],
    ["a 512-bit RSA key (too small even for RSA-OAEP-256 of a 32-byte key: sealing would fail later)", rsaPublicKeyPem(512)],
    ["an RSA key with public exponent 1 (encryption is the identity)", rsaPublicKeyPem(2048, "AQ")],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const response = await makeCreateTenantHandler(deps)(aJsonPost({ ...lee, keyOption: { kind: "customer_held", publicKeyPem } }), aContext());
      expect(response.status).toBe(400);
      expect(problemPaths(response)).toEqual(["keyOption.publicKeyPem"]);
      expect(directory.tenants.size).toBe(0);
    });
  }

  it("still accepts a 2048-bit RSA key", async () => {
    const response = await makeCreateTenantHandler(deps)(aJsonPost({ ...lee, keyOption: { kind: "customer_held", publicKeyPem: rsaPublicKeyPem(2048) } }), aContext());
    expect(response.status).toBe(201);
  });
});
