import { z } from "zod";
import { DemandSubmission } from "../domain/demand";
import { VetRequesterInput } from "../domain/requester";

const problem = { content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  invocationId: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

function jsonSchemaOf(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
}

/** The OpenAPI 3.1 description of the public API, generated from the same zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const requesterAuth = [{ requesterCredential: [] }];
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
  return {
    openapi: "3.1.0",
    info: { title: "Lawful Request Workflow", version: "0.1.0", description: "Intake and status of lawful demands for customer data." },
    servers: [{ url: `${serverUrl.replace(/\/$/, "")}/api` }],
    components: {
      securitySchemes: {
        requesterCredential: { type: "http", scheme: "bearer", description: "The credential issued at vetting: lrw1.<requester>.<credential>.<secret>" },
        functionKey: { type: "apiKey", in: "header", name: "x-functions-key" },
      },
      schemas: {
        DemandSubmission: jsonSchemaOf(DemandSubmission),
        VetRequesterInput: jsonSchemaOf(VetRequesterInput),
        Problem: jsonSchemaOf(ProblemSchema),
      },
    },
    paths: {
      "/demands": {
        post: {
          summary: "Submit a demand with its legal process (PDF, base64)",
          security: requesterAuth,
          parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,128}$" } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/DemandSubmission" } } } },
          responses: {
            "202": { description: "Recorded (also when rejected on its legal merits: see status)", headers: { Location: { schema: { type: "string" } } } },
            "400": { description: "The body is not a valid demand", ...problem },
            "401": { description: "No valid credential", ...problem },
            "403": { description: "Requester suspended or revoked", ...problem },
            "409": { description: "Idempotency-Key reused with another body", ...problem },
            "413": { description: "Body too large", ...problem },
            "415": { description: "Not application/json", ...problem },
          },
        },
      },
      "/demands/{id}": {
        get: {
          summary: "Status and timeline of one of your demands (never customer data)",
          security: requesterAuth,
          parameters: [idParam],
          responses: { "200": { description: "Status" }, "401": { description: "No valid credential", ...problem }, "404": { description: "No demand of yours", ...problem } },
        },
      },
      "/demands/{id}/withdraw": {
        post: {
          summary: "Withdraw one of your demands",
          security: requesterAuth,
          parameters: [idParam],
          responses: { "200": { description: "Withdrawn" }, "404": { description: "No demand of yours", ...problem }, "409": { description: "Already final", ...problem } },
        },
      },
      "/manage/requesters": {
        post: {
          summary: "Vet a requester (administrators); the credential is shown once",
          security: [{ functionKey: [] }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/VetRequesterInput" } } } },
          responses: { "201": { description: "Vetted" }, "400": { description: "Invalid", ...problem } },
        },
      },
      "/manage/requesters/{id}": {
        get: { summary: "A requester's profile", security: [{ functionKey: [] }], parameters: [idParam], responses: { "200": { description: "Profile" }, "404": { description: "Unknown", ...problem } } },
      },
      "/manage/requesters/{id}/{action}": {
        post: {
          summary: "suspend, reinstate, revoke, or rotate-credential",
          security: [{ functionKey: [] }],
          parameters: [idParam, { name: "action", in: "path", required: true, schema: { enum: ["suspend", "reinstate", "revoke", "rotate-credential"] } }],
          responses: { "200": { description: "Done" }, "404": { description: "Unknown", ...problem }, "409": { description: "Not allowed now", ...problem } },
        },
      },
      "/health": { get: { summary: "Liveness and dependencies", responses: { "200": { description: "Healthy" }, "503": { description: "A dependency is down" } } } },
      "/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
    },
  };
}
