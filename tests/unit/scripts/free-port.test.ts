import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, freePortFrom } from "../../../scripts/free-port";

/** The low end of the range the OS picks outgoing connections' (and port 0 listeners') ports from. */
function ephemeralLow(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

async function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("freePort", () => {
  // A port from the OS's ephemeral range can be taken by an outgoing connection (to a stand-in, say) between the
  // moment it is picked and the moment a server binds it: a bench lost its host's port that way (EADDRINUSE).
  it("picks ports the OS never gives to outgoing connections", async () => {
    const low = ephemeralLow();
    for (let i = 0; i < 50; i += 1) {
      const port = await freePort();
      expect(port).toBeGreaterThan(1024);
      expect(port).toBeLessThan(low);
    }
  });

  it("picks a port that can be bound on loopback, and never the same one twice in a process", async () => {
    const ports = new Set<number>();
    for (let i = 0; i < 200; i += 1) {
      const port = await freePort();
      expect(ports.has(port)).toBe(false);
      ports.add(port);
    }
    expect(await bindable([...ports][0] as number)).toBe(true);
  });

  it("passes over a port that is already bound", async () => {
    const held = createServer();
    await new Promise<void>((resolve) => held.listen(0, "127.0.0.1", () => resolve()));
    const heldPort = (held.address() as { port: number }).port;
    try {
      const other = await freePort();
      expect(await freePortFrom([heldPort, other + 1, other + 2])).not.toBe(heldPort);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
  });
});
