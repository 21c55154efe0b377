import { describe, expect, it } from "vitest";
import { makeHealthHandler } from "../../../functions/handlers/health-handler";
import { aContext, aRequest, jsonOf } from "../../support/http";

describe("GET /api/health", () => {
  it("is 200 when every dependency answers", async () => {
    const handler = makeHealthHandler(async () => ({ cosmos: async () => undefined }));
    const response = await handler(aRequest({}), aContext());
    expect(response.status).toBe(200);
    expect(jsonOf(response)).toEqual({ status: "ok", checks: { cosmos: "ok" } });
  });

  it("is 503 naming what failed, without error details", async () => {
    const handler = makeHealthHandler(async () => ({ cosmos: async () => undefined, blob: () => Promise.reject(new Error("ECONNREFUSED 10.1.2.3")) }));
    const response = await handler(aRequest({}), aContext());
    expect(response.status).toBe(503);
    expect(jsonOf(response)).toEqual({ status: "degraded", checks: { cosmos: "ok", blob: "unavailable" } });
  });

  it("is 503 when the services cannot even start", async () => {
    const handler = makeHealthHandler(() => Promise.reject(new Error("no cosmos")));
    expect((await handler(aRequest({}), aContext())).status).toBe(503);
  });
});
