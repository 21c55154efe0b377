import { withProblems, type HttpHandler } from "./with-problems";

/** A named dependency check: resolves when the dependency answers. */
export type HealthCheck = () => Promise<void>;

/** GET /api/health: 200 when every dependency answers, else 503 naming the ones that did not (no error details). */
export function makeHealthHandler(resolveChecks: () => Promise<Record<string, HealthCheck>>): HttpHandler {
  return withProblems(async () => {
    const checks = await resolveChecks().catch(() => null);
    if (checks === null) return { status: 503, jsonBody: { status: "degraded", checks: { startup: "unavailable" } } };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await check().then(() => "ok", () => "unavailable")] as const),
    );
    const healthy = results.every(([, result]) => result === "ok");
    return { status: healthy ? 200 : 503, jsonBody: { status: healthy ? "ok" : "degraded", checks: Object.fromEntries(results) } };
  });
}
