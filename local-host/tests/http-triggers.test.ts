import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningHost } from "../src/index";
import { startFixtureHost, tempDir } from "./support";

describe("HTTP triggers", () => {
  let host: RunningHost;
  const stateDir = tempDir("lh-http-");
  const errors: string[] = [];

  beforeAll(async () => {
    host = await startFixtureHost(stateDir, {
      functionKeys: ["fn-key"],
      adminKeys: ["admin-key"],
      log: (level, message) => {
        if (level === "error") errors.push(message);
      },
    });
  });

  afterAll(async () => {
    await host.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("routes optional parameters and query, returns headers, cookies and JSON, with settings from local.settings.json", async () => {
    const res = await fetch(`${host.url}/api/hello/ada?q=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-fixture")).toBe("yes");
    expect(res.headers.get("set-cookie")).toBe("session=abc; Path=/; HttpOnly");
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ greeting: "hello", name: "ada", q: "1" });
    const other = (await (await fetch(`${host.url}/api/hello`)).json()) as Record<string, string>;
    expect(other.name).toBe("world");
    expect(other.invocationId).not.toBe(body.invocationId);
    expect(other.invocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps an idle keep-alive connection open as Azure's host does (Kestrel: 130 s), not Node's 5 s, so a client reusing it is never reset", async () => {
    const { port } = new URL(host.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const ask = () =>
      new Promise<string>((resolve, reject) => {
        if (socket.readyState !== "open") return reject(new Error("the host closed the connection"));
        socket.once("close", () => reject(new Error("the host closed the connection")));
        let reply = "";
        const onData = (chunk: Buffer) => {
          reply += chunk.toString();
          if (reply.includes("hello")) {
            socket.off("data", onData);
            resolve(reply);
          }
        };
        socket.on("data", onData);
        socket.write("GET /api/hello/ada HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
      });
    expect(await ask()).toMatch(/^HTTP\/1.1 200/);
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect(await ask()).toMatch(/^HTTP\/1.1 200/);
    socket.destroy();
  }, 15_000);

  it("enforces function and admin keys from the header or the code query", async () => {
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${host.url}/api/echo${query}`, { method: "POST", body: "payload", headers });
    expect((await post("")).status).toBe(401);
    expect((await post("?code=wrong")).status).toBe(401);
    const ok = await post("", { "x-functions-key": "fn-key" });
    expect(ok.status).toBe(201);
    expect(await ok.text()).toBe("payload");
    expect((await post("?code=admin-key")).status).toBe(201);
    expect((await fetch(`${host.url}/api/admin-only?code=fn-key`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/admin-only?code=admin-key`)).status).toBe(200);
  });

  it("uses the function name as the default route, answers 500 without details on errors, and logs them", async () => {
    const res = await fetch(`${host.url}/api/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret internal detail");
    expect(errors.some((e) => e.includes("secret internal detail"))).toBe(true);
  });

  it("streams response bodies, rejects wrong methods and unknown routes", async () => {
    const res = await fetch(`${host.url}/api/stream`);
    expect(await res.text()).toBe("chunk1-chunk2");
    expect((await fetch(`${host.url}/api/boom`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${host.url}/api/nope`)).status).toBe(404);
  });

  it("protects the public Durable webhooks with the admin key when keys are configured", async () => {
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances/x`)).status).toBe(401);
    expect((await fetch(`${host.url}/runtime/webhooks/durabletask/instances/x?code=admin-key`)).status).toBe(404);
  });

  it("refuses a forged raiseEvent on both durable prefixes and the clock without the admin key; the app's own DurableClient still works", async () => {
    const id = "guarded-1";
    expect((await fetch(`${host.url}/api/orchestrators/waiter/${id}`, { method: "POST" })).status).toBe(202);
    for (const prefix of ["/durabletask", "/runtime/webhooks/durabletask"]) {
      const forged = await fetch(`${host.url}${prefix}/instances/${id}/raiseEvent/go`, { method: "POST", body: '"forged"' });
      expect(forged.status).toBe(401);
      expect((await fetch(`${host.url}${prefix}/instances/${id}?code=fn-key`)).status).toBe(401);
    }
    expect((await fetch(`${host.url}/admin/clock`)).status).toBe(401);
    expect((await fetch(`${host.url}/admin/clock`, { method: "POST", body: '{"advance":"P1D"}' })).status).toBe(401);
    expect((await fetch(`${host.url}/admin/clock`, { headers: { "x-functions-key": "admin-key" } })).status).toBe(200);
    expect((await fetch(`${host.url}/durabletask/instances/${id}?code=admin-key`)).status).toBe(202);
    // The fixture's client route raises through the SDK's DurableClient (rpcBaseUrl), which carries no key.
    expect((await fetch(`${host.url}/api/client/raise/${id}/go`, { method: "POST", body: '"genuine"' })).status).toBe(202);
    await host.idle();
    const status = (await (await fetch(`${host.url}/durabletask/instances/${id}?code=admin-key`)).json()) as { runtimeStatus: string; output: unknown };
    expect(status).toMatchObject({ runtimeStatus: "Completed", output: "genuine" });
  });

  it("decodes path segments as Azure (Kestrel) does: %2F stays encoded in a route value, a malformed escape passes through, never a 500", async () => {
    const errorsBefore = errors.length;
    const name = async (segment: string) => {
      const res = await fetch(`${host.url}/api/hello/${segment}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { name: string }).name;
    };
    expect(await name("a%2Fb")).toBe("a%2Fb");
    expect(await name("%zz")).toBe("%zz");
    expect(await name("caf%C3%A9%20au%20lait")).toBe("café au lait");
    expect(await name("%C3")).toBe("%C3");
    for (const id of ["%zz", "a%2Fb", "%"]) {
      expect((await fetch(`${host.url}/durabletask/instances/${id}?code=admin-key`)).status).toBe(404);
      expect((await fetch(`${host.url}/durabletask/instances/${id}/raiseEvent/go?code=admin-key`, { method: "POST" })).status).toBe(404);
    }
    expect(errors.slice(errorsBefore)).toEqual([]);
  });

  it("publishes the virtual clock to the app as globalThis[Symbol.for('local-host.clock')], moving with advance()", async () => {
    const read = async () => ((await (await fetch(`${host.url}/api/clock`)).json()) as { now: number }).now;
    const before = await read();
    expect(Math.abs(before - host.clock.now())).toBeLessThan(5_000);
    await host.clock.advance("P1D");
    const after = await read();
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);
    expect(after - before).toBeLessThan(86_400_000 + 5_000);
  });
});
