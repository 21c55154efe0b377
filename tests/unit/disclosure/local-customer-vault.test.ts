import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localCustomerVaultKeys, localVaultDirName } from "../../../shared/disclosure/local-customer-vault";

describe("localCustomerVaultKeys", () => {
  it("wraps per customer vault key and refuses with KEY_ACCESS_REVOKED once the customer revokes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lrw-customer-vaults-"));
    const factory = localCustomerVaultKeys(dir, 2048);
    const fabrikam = factory("https://fabrikam-keys.vault.azure.net/", "disclosure-kek");
    expect(factory("https://FABRIKAM-keys.vault.azure.net", "disclosure-kek")).toBe(fabrikam);
    const other = factory("https://other.vault.azure.net/", "kek");
    const dataKey = Buffer.alloc(32, 9);
    const wrapped = await fabrikam.wrapKey(dataKey);
    expect(wrapped.holder).toBe("customer_managed");
    expect(wrapped.keyId).toMatch(/^local:customer-[0-9a-f]{16}\/[0-9a-f]{32}$/);
    expect(Buffer.from(await fabrikam.unwrapKey(wrapped)).equals(dataKey)).toBe(true);
    await writeFile(join(dir, localVaultDirName("https://fabrikam-keys.vault.azure.net/", "disclosure-kek"), "revoked"), "");
    await expect(fabrikam.unwrapKey(wrapped)).rejects.toMatchObject({ code: "KEY_ACCESS_REVOKED" });
    await expect(fabrikam.wrapKey(dataKey)).rejects.toMatchObject({ code: "KEY_ACCESS_REVOKED" });
    expect((await other.wrapKey(dataKey)).holder).toBe("customer_managed");
  });
});
