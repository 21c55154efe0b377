import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../shared/http/openapi-document";

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("http://localhost:7071/") as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown; required?: string[] }> };
  };

  it("is OpenAPI 3.1 with every public route", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0]?.url).toBe("http://localhost:7071/api");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/demands", "/demands/{id}", "/demands/{id}/withdraw", "/manage/requesters", "/health", "/openapi.json"]),
    );
  });

  it("describes the submission from the zod schema, closed to unknown fields", () => {
    const submission = doc.components.schemas.DemandSubmission!;
    expect(Object.keys(submission.properties ?? {})).toEqual(
      expect.arrayContaining(["requester", "legalProcess", "targets", "categories", "dateRange", "secrecyOrder", "emergency", "consent", "document"]),
    );
    expect(submission.additionalProperties).toBe(false);
    expect(submission.required).toEqual(expect.arrayContaining(["legalProcess", "targets", "document"]));
    expect(submission.required).not.toContain("secrecyOrder");
    expect(JSON.stringify(submission)).toContain("search_warrant");
  });
});
