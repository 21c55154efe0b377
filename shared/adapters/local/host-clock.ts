/** The local host publishes its (movable) clock here; in Azure nothing does and the system clock is used. */
const HOST_CLOCK = Symbol.for("local-host.clock");

/** "Now" for the app: the local host's virtual clock when the app runs under it, the system clock otherwise. */
export function appNow(): Date {
  const hostClock = (globalThis as Record<symbol, unknown>)[HOST_CLOCK] as { now(): number } | undefined;
  return hostClock === undefined ? new Date() : new Date(hostClock.now());
}
