import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CosmosClient, type Container } from "@azure/cosmos";
import { afterAll, describe, expect, it } from "vitest";
import { startCosmosServer, type RunningEmulator } from "../../scripts/emulators";

const dir = mkdtempSync(path.join(tmpdir(), "durable-cosmos-"));
const running: RunningEmulator[] = [];

async function start(): Promise<{ server: RunningEmulator; container: Container; client: CosmosClient }> {
  const server = await startCosmosServer({ dataDir: dir });
  running.push(server);
  const client = new CosmosClient({ endpoint: server.url, key: "dGVzdA==", connectionPolicy: { enableEndpointDiscovery: false } });
  const { database } = await client.databases.createIfNotExists({ id: "app" });
  const { container } = await database.containers.createIfNotExists({ id: "things", partitionKey: { paths: ["/pk"] } });
  return { server, container, client };
}

/** Kills the server as a crash would and waits until it is gone. */
async function crash(server: RunningEmulator): Promise<void> {
  process.kill(server.pid, "SIGKILL");
  for (let i = 0; i < 100; i += 1) {
    try {
      process.kill(server.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the server did not die");
}

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("the local Cosmos server's connections", () => {
  it("keeps a connection open between requests, so each SDK call does not pay a new TCP connection", async () => {
    const server = await startCosmosServer();
    running.push(server);
    const response = await fetch(`${server.url}/`);
    await response.arrayBuffer();
    expect(response.headers.get("connection")).toBe("keep-alive");
  });
});

describe("the local Cosmos server's queries", () => {
  it("answers a query sent with a partition key from that partition only, as Cosmos DB does", async () => {
    const server = await startCosmosServer();
    running.push(server);
    const client = new CosmosClient({ endpoint: server.url, key: "dGVzdA==", connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await client.databases.createIfNotExists({ id: "app" });
    const { container } = await database.containers.createIfNotExists({ id: "scoped", partitionKey: { paths: ["/pk"] } });
    for (const [id, pk] of [["a", "p1"], ["b", "p2"], ["c", "p1"], ["d", 7], ["e", "dmd #1/ü"]] as const) await container.items.create({ id, pk, n: id });
    const ids = async (partitionKey?: string | number) =>
      (await container.items.query<{ id: string }>("SELECT c.id FROM c ORDER BY c.id", partitionKey === undefined ? {} : { partitionKey }).fetchAll()).resources.map((r) => r.id);
    expect(await ids("p1")).toEqual(["a", "c"]);
    expect(await ids(7)).toEqual(["d"]);
    expect(await ids("dmd #1/ü")).toEqual(["e"]);
    expect(await ids("none")).toEqual([]);
    expect(await ids()).toEqual(["a", "b", "c", "d", "e"]);
    // The SDK asks for a query plan first; the stand-in answers it without running the query, and the query itself
    // still answers in full: aggregates, TOP and ORDER BY, with and without a partition key.
    const count = await container.items.query<number>("SELECT VALUE COUNT(1) FROM c").fetchAll();
    expect(count.resources).toEqual([5]);
    const top = await container.items.query<{ id: string }>("SELECT TOP 1 c.id FROM c WHERE c.pk = 'p1' ORDER BY c.id DESC", { partitionKey: "p1" }).fetchAll();
    expect(top.resources).toEqual([{ id: "c" }]);
  });
});

describe("the local Cosmos server with a journal", () => {
  it("keeps every acknowledged write across a kill -9, with the same ids, etags and timestamps", async () => {
    const first = await start();
    const things = first.container.items;
    await things.create({ id: "a", pk: "p1", n: 1 });
    await things.create({ id: "b", pk: "p1", n: 2 });
    await things.create({ id: "c", pk: "p2", n: 3 });
    const { resource: b } = await first.container.item("b", "p1").read<{ n: number; _etag: string }>();
    await first.container.item("b", "p1").replace({ id: "b", pk: "p1", n: 20 }, { accessCondition: { type: "IfMatch", condition: b!._etag } });
    await things.upsert({ id: "d", pk: "p2", n: 4 });
    await first.container.item("c", "p2").patch([{ op: "incr", path: "/n", value: 10 }]);
    await first.container.item("a", "p1").delete();
    const { database: other } = await first.client.databases.createIfNotExists({ id: "gone" });
    await other.delete();
    const before = (await things.query("SELECT * FROM c ORDER BY c.id").fetchAll()).resources;
    await crash(first.server);

    const second = await start();
    const after = (await second.container.items.query("SELECT * FROM c ORDER BY c.id").fetchAll()).resources;
    expect(after).toEqual(before);
    expect(after.map((d: { id: string; n: number }) => [d.id, d.n])).toEqual([["b", 20], ["c", 13], ["d", 4]]);
    const { databases } = await second.client.databases.readAll().fetchAll().then((r) => ({ databases: r.resources.map((d) => d.id) }));
    expect(databases).toEqual(["app"]);

    // An etag read before the crash still guards a replace after it.
    const stale = before.find((d: { id: string }) => d.id === "d") as { _etag: string };
    await second.container.item("d", "p2").replace({ id: "d", pk: "p2", n: 5 }, { accessCondition: { type: "IfMatch", condition: stale._etag } });
    await expect(second.container.item("d", "p2").replace({ id: "d", pk: "p2", n: 6 }, { accessCondition: { type: "IfMatch", condition: stale._etag } })).rejects.toMatchObject({ code: 412 });

    // New documents never take a live document's internal id, after the journal was compacted at start.
    await second.container.items.create({ id: "e", pk: "p1", n: 7 });
    const all = (await second.container.items.query("SELECT c.id, c._rid FROM c").fetchAll()).resources as { _rid: string }[];
    expect(new Set(all.map((d) => d._rid)).size).toBe(all.length);
    await crash(second.server);

    const third = await start();
    const last = (await third.container.items.query("SELECT c.id, c.n FROM c ORDER BY c.id").fetchAll()).resources;
    expect(last).toEqual([{ id: "b", n: 20 }, { id: "c", n: 13 }, { id: "d", n: 5 }, { id: "e", n: 7 }]);
    expect(statSync(path.join(dir, "cosmos.jsonl")).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, "cosmos.jsonl"), "utf8").trim().split("\n").length).toBeGreaterThan(0);
  });

  it("ignores a torn last line (a write that was never acknowledged)", async () => {
    const server = running.at(-1)!;
    await server.stop();
    const { appendFileSync } = await import("node:fs");
    appendFileSync(path.join(dir, "cosmos.jsonl"), '[{"op":"set","kind":"docs","db":');
    const again = await start();
    const ids = (await again.container.items.query("SELECT VALUE c.id FROM c ORDER BY c.id").fetchAll()).resources;
    expect(ids).toEqual(["b", "c", "d", "e"]);
  });
});
