import type { Clock } from "../../ports/clock";

/** Where the local host publishes its virtual clock (see local-host/README.md): `{ now(): number }` in epoch ms. */
export const LOCAL_HOST_CLOCK = Symbol.for("local-host.clock");

interface PublishedClock {
  now(): number;
}

function publishedClock(): PublishedClock | undefined {
  const candidate = (globalThis as Record<symbol, unknown>)[LOCAL_HOST_CLOCK];
  return typeof candidate === "object" && candidate !== null && typeof (candidate as PublishedClock).now === "function" ? (candidate as PublishedClock) : undefined;
}

/** True when the app runs under the local host, which publishes its virtual clock. */
export function isLocalHostClockPublished(): boolean {
  return publishedClock() !== undefined;
}

/** The local host's virtual clock, read at every call (the host may publish it after the app loads); the system clock when absent. */
export class LocalHostClock implements Clock {
  now(): Date {
    const published = publishedClock();
    return new Date(published === undefined ? Date.now() : published.now());
  }
}
