import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppStack, aReference, poll, useAppStack } from "./app-stack";

let stack: AppStack;
useAppStack((started) => (stack = started));

/** True once the local host publishes its virtual clock for the app (the "host" work that the Clock port reads). */
function hostPublishesClock(dir = path.join(__dirname, "../../local-host/src")): boolean {
  return readdirSync(dir).some((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? hostPublishesClock(full) : readFileSync(full, "utf8").includes('Symbol.for("local-host.clock")');
  });
}

/** The lifecycle instance as the local host's durable API reports it. */
async function instanceOf(id: string): Promise<{ createdTime: string; runtimeStatus: string }> {
  const response = await fetch(`${stack.url}/durabletask/instances/${id}`);
  return (await response.json()) as { createdTime: string; runtimeStatus: string };
}

describe("intake end to end (local host)", () => {
  it("a closed demand stays closed: re-posting its body with its Idempotency-Key returns it and never restarts its lifecycle", async () => {
    const ref = aReference("closed");
    // A legally defective demand (no end of range): recorded, rejected, and its lifecycle closes it at once.
    const id = await stack.submit(ref, { dateRange: { from: "2026-01-01" } });
    const closed = await stack.waitFor(id, (s) => s.status === "closed", "close");
    const before = await poll("the lifecycle to complete", async () => {
      const instance = await instanceOf(id);
      return instance.runtimeStatus === "Completed" ? instance : undefined;
    });

    const again = await stack.submit(ref, { dateRange: { from: "2026-01-01" } });
    expect(again).toBe(id);
    await new Promise((r) => setTimeout(r, 1_500));
    const after = await instanceOf(id);
    expect(after.runtimeStatus).toBe("Completed");
    expect(after.createdTime).toBe(before.createdTime);
    const status = await stack.status(id);
    expect(status.status).toBe("closed");
    expect(status.outcome).toBe(closed.outcome);
    expect(status.timeline).toEqual(closed.timeline);
  });

  it.skipIf(!hostPublishesClock())("one clock: after the host's clock moves, intake and the API stamp the virtual time", async () => {
    const now = Date.parse(await stack.client.advance("P3D"));
    const id = await stack.submit(aReference("clock"));
    const status = await stack.status(id);
    expect(Math.abs(Date.parse(status.receivedAt) - now)).toBeLessThan(60_000);
    for (const entry of status.timeline) expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(now - 60_000);
  });

  it("serves its OpenAPI document and a reference page whose renderer comes from the app itself", async () => {
    const doc = (await (await fetch(`${stack.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/demands", "/demands/{id}", "/docs"]));
    const page = await fetch(`${stack.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="docs/redoc.standalone.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${stack.url}/api/docs/redoc.standalone.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
