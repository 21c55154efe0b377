import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { randomInt } from "node:crypto";

/** How many ports below the OS's ephemeral range free ports are drawn from. */
const SPAN = 12_000;
/** Ports this process handed out: a port closed again is not handed out twice (the OS would reuse it at once). */
const handedOut = new Set<number>();

/**
 * A free loopback port for a server started a moment later. Written here rather than taken from get-port or
 * portfinder: those, like listening on port 0, pick from the OS's ephemeral range, where an outgoing connection
 * (the app's to a stand-in) can take the port before the server binds it; this draws from just below that range.
 */
export async function freePort(): Promise<number> {
  const top = ephemeralLow();
  const bottom = Math.max(1025, top - SPAN);
  return freePortFrom((function* () {
    for (let attempt = 0; attempt < 200; attempt += 1) yield randomInt(bottom, top);
  })());
}

/** The first of `candidates` not handed out before that can be bound on loopback now. */
export async function freePortFrom(candidates: Iterable<number>): Promise<number> {
  for (const port of candidates) {
    if (handedOut.has(port)) continue;
    // Reserved before the check, so concurrent callers never both get it.
    handedOut.add(port);
    if (await bindable(port)) return port;
    handedOut.delete(port);
  }
  throw new Error("no free loopback port found");
}

/** The low end of the OS's ephemeral port range (Linux reports it; elsewhere 32768 lies below the usual 49152). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1025 + 100 ? Math.min(low, 32768) : 32768;
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
